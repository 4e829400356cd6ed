package io.newsflow.tools.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.enrich.sentiment.Sentiment;
import io.newsflow.enrich.sentiment.TargetExample;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads NewsMTSC JSONL files ({@code sentence_normalized} and {@code targets} with {@code from}, {@code to},
 * {@code mention}, {@code polarity}): one {@link TargetExample} per target, in file order. Stateless.
 */
public final class NewsMtscReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NewsMtscReader() {
    }

    /** All targets of a file. */
    public static List<TargetExample> read(Path file) throws IOException {
        List<TargetExample> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                String sentence = node.path("sentence_normalized").asText();
                for (JsonNode t : node.path("targets")) {
                    out.add(new TargetExample(sentence, t.path("from").asInt(), t.path("to").asInt(),
                            t.path("mention").asText(), Sentiment.fromPolarity(t.path("polarity").asDouble())));
                }
            }
        }
        return out;
    }
}
