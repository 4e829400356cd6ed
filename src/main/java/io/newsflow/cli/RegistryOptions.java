package io.newsflow.cli;

import io.newsflow.serde.RegistrySerdeFactory;
import io.newsflow.serde.SerdeFactory;
import picocli.CommandLine.Option;

/**
 * The value framing option shared as a picocli mixin by every command that reads or writes Kafka records
 * ({@code run}, {@code demo}, {@code alerts}, {@code publish}, {@code tail}, {@code bench}). One instance per command
 * invocation; {@link #serdes()} is thread-safe.
 */
final class RegistryOptions {

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Apicurio Registry base URL (e.g. http://localhost:8080): values in Confluent-compatible registry framing (magic byte 0 + 4-byte schema id), schemas auto-registered. Empty: Avro single-object encoding, no registry. Env: NEWSFLOW_SCHEMA_REGISTRY_URL.")
    String schemaRegistryUrl;

    private SerdeFactory serdes;

    /** The registry framing when {@code --schema-registry-url} is set, else single-object encoding; one per command. */
    synchronized SerdeFactory serdes() {
        if (serdes == null) {
            serdes = serdes(schemaRegistryUrl);
        }
        return serdes;
    }

    /** The registry framing for a non-blank URL, else single-object encoding. */
    static SerdeFactory serdes(String schemaRegistryUrl) {
        return schemaRegistryUrl == null || schemaRegistryUrl.isBlank()
                ? SerdeFactory.singleObject() : new RegistrySerdeFactory(schemaRegistryUrl);
    }
}
