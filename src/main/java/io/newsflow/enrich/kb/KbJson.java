package io.newsflow.enrich.kb;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON mapper for knowledge-base files: ISO-8601 dates, indented output. Public for the offline builders in
 * {@code io.newsflow.tools.kb}; the mapper is configured once and thread-safe.
 */
public final class KbJson {

    /** Reads and writes knowledge-base files; do not reconfigure. */
    public static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private KbJson() {
    }
}
