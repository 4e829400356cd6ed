package io.newsflow.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The released versions of the public contracts, shipped in the jar under {@code /schemas/released/VERSION/} and
 * listed in {@code /schemas/released/releases.txt}: the writer schemas the single-object decoders accept besides the
 * compiled one. Immutable and thread-safe.
 */
public final class ReleasedSchemas {

    private static final String ROOT = "/schemas/released/";
    private static final List<String> VERSIONS = readVersions();

    private ReleasedSchemas() {
    }

    /** The released versions, oldest first. */
    public static List<String> versions() {
        return VERSIONS;
    }

    /** Version → released schema of the record named {@code simpleName} (e.g. {@code RawArticle}), where released. */
    public static Map<String, Schema> of(String simpleName) {
        Map<String, Schema> out = new LinkedHashMap<>();
        for (String version : VERSIONS) {
            try (InputStream in = ReleasedSchemas.class.getResourceAsStream(ROOT + version + "/" + simpleName + ".avsc")) {
                if (in != null) {
                    out.put(version, new Schema.Parser().parse(in));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read released schema " + version + "/" + simpleName, e);
            }
        }
        return out;
    }

    private static List<String> readVersions() {
        try (InputStream in = ReleasedSchemas.class.getResourceAsStream(ROOT + "releases.txt")) {
            if (in == null) {
                throw new IllegalStateException("missing " + ROOT + "releases.txt");
            }
            List<String> versions = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    versions.add(line.strip());
                }
            }
            return List.copyOf(versions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ROOT + "releases.txt", e);
        }
    }
}
