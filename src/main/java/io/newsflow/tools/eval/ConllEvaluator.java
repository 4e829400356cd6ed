package io.newsflow.tools.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Phrase-level NER evaluation on CoNLL-2003 files (4 columns: token, POS, chunk, IOB1 tag), with the rules of the
 * {@code conlleval} script: a phrase counts as correct only when its boundaries and type both match. Not
 * thread-safe.
 */
public final class ConllEvaluator {

    /** Counts for one type or overall. */
    public static final class Counts {
        int gold;
        int predicted;
        int correct;

        public double precision() {
            return predicted == 0 ? 0 : 100.0 * correct / predicted;
        }

        public double recall() {
            return gold == 0 ? 0 : 100.0 * correct / gold;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /** Result of one evaluation. */
    public record Result(int tokens, int sentences, int correctTokens, Counts overall, Map<String, Counts> byType,
                         double seconds) {

        /** conlleval-style report, ending with {@code overall_f1=NN.NN}. */
        public String report() {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "processed %d tokens with %d phrases; found: %d phrases; correct: %d.%n",
                    tokens, overall.gold, overall.predicted, overall.correct));
            s.append(String.format(Locale.ROOT, "accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f%n",
                    100.0 * correctTokens / Math.max(1, tokens), overall.precision(), overall.recall(), overall.f1()));
            for (Map.Entry<String, Counts> e : byType.entrySet()) {
                Counts c = e.getValue();
                s.append(String.format(Locale.ROOT, "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %d%n",
                        e.getKey(), c.precision(), c.recall(), c.f1(), c.predicted));
            }
            s.append(String.format(Locale.ROOT, "%d sentences in %.1f s (%.0f tokens/s)%n", sentences, seconds,
                    tokens / Math.max(1e-9, seconds)));
            s.append(String.format(Locale.ROOT, "overall_f1=%.2f%n", overall.f1()));
            return s.toString();
        }
    }

    private ConllEvaluator() {
    }

    /** Evaluates {@code tagger} (one label per token: PER, ORG, LOC, MISC or O) on a CoNLL file. */
    public static Result evaluate(Path file, Function<List<String>, List<String>> tagger) throws IOException {
        Counts overall = new Counts();
        Map<String, Counts> byType = new TreeMap<>();
        int tokens = 0;
        int sentences = 0;
        int correctTokens = 0;
        long started = System.nanoTime();
        List<List<String>> docWords = new ArrayList<>();
        List<List<String>> docGold = new ArrayList<>();
        List<String> words = new ArrayList<>();
        List<String> gold = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while (true) {
                line = reader.readLine();
                boolean docStart = line != null && line.startsWith("-DOCSTART-");
                boolean boundary = line == null || line.isBlank() || docStart;
                if (boundary && !words.isEmpty()) {
                    docWords.add(new ArrayList<>(words));
                    docGold.add(new ArrayList<>(gold));
                    words.clear();
                    gold.clear();
                }
                if ((docStart || line == null) && !docWords.isEmpty()) {
                    List<List<String>> predictedDoc = new ArrayList<>();
                    for (List<String> sentence : docWords) {
                        predictedDoc.add(new ArrayList<>(tagger.apply(sentence)));
                    }
                    for (int k = 0; k < docWords.size(); k++) {
                        List<String> predicted = predictedDoc.get(k);
                        List<String> g = docGold.get(k);
                        for (int i = 0; i < g.size(); i++) {
                            String goldType = g.get(i).equals("O") ? "O" : g.get(i).substring(2);
                            if (goldType.equals(predicted.get(i))) {
                                correctTokens++;
                            }
                        }
                        score(spans(g, true), spans(predicted, false), overall, byType);
                        tokens += g.size();
                        sentences++;
                    }
                    docWords.clear();
                    docGold.clear();
                }
                if (line == null) {
                    break;
                }
                if (!boundary) {
                    String[] cols = line.trim().split("\\s+");
                    words.add(cols[0]);
                    gold.add(cols[cols.length - 1]);
                }
            }
        }
        return new Result(tokens, sentences, correctTokens, overall, byType, (System.nanoTime() - started) / 1e9);
    }

    /** Phrases as "start:end:type"; gold tags are IOB1 (B- only between same-type phrases), predictions IO. */
    static List<String> spans(List<String> tags, boolean iob) {
        List<String> out = new ArrayList<>();
        String type = null;
        int start = -1;
        for (int i = 0; i <= tags.size(); i++) {
            String tag = i < tags.size() ? tags.get(i) : "O";
            String t = tag.equals("O") ? null : iob ? tag.substring(2) : tag;
            boolean begins = iob && tag.startsWith("B-");
            if (type != null && (t == null || !t.equals(type) || begins)) {
                out.add(start + ":" + i + ":" + type);
                type = null;
            }
            if (t != null && type == null) {
                type = t;
                start = i;
            }
        }
        return out;
    }

    private static void score(List<String> gold, List<String> predicted, Counts overall, Map<String, Counts> byType) {
        for (String g : gold) {
            overall.gold++;
            byType.computeIfAbsent(type(g), k -> new Counts()).gold++;
            if (predicted.contains(g)) {
                overall.correct++;
                byType.get(type(g)).correct++;
            }
        }
        for (String p : predicted) {
            overall.predicted++;
            byType.computeIfAbsent(type(p), k -> new Counts()).predicted++;
        }
    }

    private static String type(String span) {
        return span.substring(span.lastIndexOf(':') + 1);
    }
}
