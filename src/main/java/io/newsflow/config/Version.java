package io.newsflow.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The newsflow version, read once from the build-stamped {@code newsflow.properties}. Thread-safe. */
public final class Version {

    private static final String VERSION = load();

    private Version() {
    }

    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/newsflow.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
