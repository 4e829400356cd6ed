package io.newsflow.tools.directed;

import io.newsflow.enrich.pairs.DirectedLabel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the TSV files of Park, Pan &amp; Joo, "Who Blames or Endorses Whom? Entity-to-Entity Directed Sentiment
 * Extraction in News Text" (Findings of ACL-IJCNLP 2021): {@code sentence <TAB> p <TAB> q <TAB> label}, the two
 * entities bracketed in the sentence, p first. Fields quoted CSV-style ({@code "…""…"}) are unquoted. Stateless.
 */
public final class DirectedSentimentData {

    private DirectedSentimentData() {
    }

    /** All examples of one file; fails naming the line when a row is malformed. */
    public static List<DirectedExample> read(Path file) throws IOException {
        List<DirectedExample> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(parse(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + lineNo + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Parses one row. */
    public static DirectedExample parse(String line) {
        String[] cols = line.split("\t", -1);
        if (cols.length != 4) {
            throw new IllegalArgumentException("expected 4 tab-separated columns, got " + cols.length);
        }
        int label;
        try {
            label = Integer.parseInt(cols[3].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("label is not a number: " + cols[3]);
        }
        if (label < 0 || label >= DirectedLabel.values().length) {
            throw new IllegalArgumentException("label out of range: " + label);
        }
        return strip(unquote(cols[0]), DirectedLabel.ofIndex(label));
    }

    /** Removes the two bracket pairs from a marked sentence, keeping the spans of the first (p) and second (q). */
    public static DirectedExample strip(String marked, DirectedLabel label) {
        StringBuilder text = new StringBuilder(marked.length());
        int[] spans = new int[4];
        int found = 0;
        boolean open = false;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == '[' && !open && found < 4) {
                spans[found++] = text.length();
                open = true;
            } else if (c == ']' && open) {
                spans[found++] = text.length();
                open = false;
            } else {
                text.append(c);
            }
        }
        if (found != 4 || open) {
            throw new IllegalArgumentException("need two bracketed mentions");
        }
        if (spans[1] <= spans[0] || spans[3] <= spans[2]) {
            throw new IllegalArgumentException("empty bracketed mention");
        }
        return new DirectedExample(text.toString(), spans[0], spans[1], spans[2], spans[3], label);
    }

    static String unquote(String field) {
        if (field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")) {
            return field.substring(1, field.length() - 1).replace("\"\"", "\"");
        }
        return field;
    }
}
