package io.newsflow.serde;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Adds the generated contract packages to Avro's trusted classes (Avro 1.12 refuses to instantiate classes
 * outside a trusted list when decoding). Idempotent and thread-safe.
 */
public final class AvroTrust {

    /** Package of the generated contract classes. */
    public static final String PACKAGE = "io.newsflow.schema";

    private static volatile boolean installed;

    private AvroTrust() {
    }

    /** Installs the trust rule once per JVM. */
    public static synchronized void trustGeneratedClasses() {
        if (installed) {
            return;
        }
        ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous,
                type -> type.getName().startsWith(PACKAGE + ".")));
        installed = true;
    }
}
