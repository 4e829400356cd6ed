package io.newsflow.tools.directed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.enrich.pairs.DirectedLabel;
import io.newsflow.enrich.pairs.DirectedPrediction;
import io.newsflow.enrich.pairs.DirectedStanceModel;
import io.newsflow.enrich.text.Sentence;
import io.newsflow.enrich.text.TextLayer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A usefulness check of the {@link DirectedStanceModel} on gold-labelled news articles ({@code NNN.txt} with
 * {@code NNN.json} in the format of the shared evaluation corpus). Hits: for each gold stance whose target is an entity
 * and whose holder is not the author, the sentence(s) holding the evidence, the holder's and the target's first
 * mentions there (canonical name or a listed mention), and whether the model predicts the gold direction and
 * polarity. False alarms: in sentences holding no gold stance evidence, every pair of two different entities'
 * mentions, and how often the model predicts a non-neutral relation. Both also at probability thresholds. Reads only
 * the folder it is given; stateless.
 */
public final class NewsPairCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final double[] THRESHOLDS = {0.0, 0.5, 0.7, 0.9};

    /** Counts of the check. */
    public static final class Counts {
        int articles;
        int entityStances;
        int evidenceMissing;
        int holderMissing;
        int targetMissing;
        int scored;
        final int[] correct = new int[THRESHOLDS.length];
        int rightDirection;
        int rightPolarity;
        int nonNeutral;
        int pairs;
        final int[] alarms = new int[THRESHOLDS.length];
        int sentences;
        double seconds;
    }

    private NewsPairCheck() {
    }

    /** Runs the check on every {@code *.json} with a {@code .txt} beside it in {@code dir}. */
    public static Counts run(DirectedStanceModel model, Path dir) throws IOException {
        Counts c = new Counts();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        long started = System.nanoTime();
        for (Path json : files) {
            Path txt = json.resolveSibling(json.getFileName().toString().replace(".json", ".txt"));
            if (!Files.isRegularFile(txt)) {
                continue;
            }
            c.articles++;
            check(model, Files.readString(txt, StandardCharsets.UTF_8), JSON.readTree(json.toFile()), c);
        }
        c.seconds = (System.nanoTime() - started) / 1e9;
        return c;
    }

    private static void check(DirectedStanceModel model, String text, JsonNode gold, Counts c) {
        Map<String, Set<String>> forms = new LinkedHashMap<>();
        for (String kind : List.of("persons", "organizations", "locations")) {
            for (JsonNode e : gold.path(kind)) {
                Set<String> f = forms.computeIfAbsent(e.path("name").asText(), k -> new LinkedHashSet<>());
                f.add(e.path("name").asText());
                e.path("mentions").forEach(m -> f.add(m.asText()));
            }
        }
        TextLayer layer = TextLayer.of(text);
        List<Sentence> sentences = layer.sentences();
        boolean[] hasEvidence = new boolean[sentences.size()];
        for (JsonNode st : gold.path("stances")) {
            String evidence = st.path("evidence").asText();
            int at = evidence.isEmpty() ? -1 : text.indexOf(evidence);
            if (at < 0) {
                if ("entity".equals(st.path("target_type").asText()) && !"AUTHOR".equals(st.path("holder").asText())) {
                    c.evidenceMissing++;
                }
                continue;
            }
            int from = -1;
            int to = -1;
            for (int i = 0; i < sentences.size(); i++) {
                Sentence s = sentences.get(i);
                if (s.start() < at + evidence.length() && s.end() > at) {
                    hasEvidence[i] = true;
                    from = from < 0 ? s.start() : from;
                    to = s.end();
                }
            }
            String holder = st.path("holder").asText();
            if (!"entity".equals(st.path("target_type").asText()) || "AUTHOR".equals(holder) || from < 0) {
                continue;
            }
            c.entityStances++;
            String region = text.substring(from, to);
            String target = st.path("target").asText();
            int[] h = firstMention(region, forms.getOrDefault(holder, Set.of(holder)), null);
            int[] t = firstMention(region, forms.getOrDefault(target, Set.of(target)), h);
            if (h == null) {
                c.holderMissing++;
                continue;
            }
            if (t == null) {
                c.targetMissing++;
                continue;
            }
            c.scored++;
            DirectedPrediction p = model.predict(region, h[0], h[1], t[0], t[1]);
            DirectedLabel.Stance want = "FAVOR".equals(st.path("polarity").asText())
                    ? DirectedLabel.Stance.FAVOR : DirectedLabel.Stance.AGAINST;
            DirectedLabel label = p.label();
            if (label != DirectedLabel.NEUTRAL) {
                c.nonNeutral++;
            }
            if (label.direction() == DirectedLabel.Direction.P_TO_Q) {
                c.rightDirection++;
            }
            if (label.stance() == want) {
                c.rightPolarity++;
            }
            for (int k = 0; k < THRESHOLDS.length; k++) {
                if (label.direction() == DirectedLabel.Direction.P_TO_Q && label.stance() == want
                        && p.probability(label) >= THRESHOLDS[k]) {
                    c.correct[k]++;
                }
            }
        }
        for (int i = 0; i < sentences.size(); i++) {
            if (hasEvidence[i]) {
                continue;
            }
            Sentence s = sentences.get(i);
            String sentence = text.substring(s.start(), s.end());
            List<int[]> mentions = new ArrayList<>();
            for (Set<String> f : forms.values()) {
                int[] m = firstMention(sentence, f, null);
                if (m != null && mentions.stream().noneMatch(o -> o[0] < m[1] && m[0] < o[1])) {
                    mentions.add(m);
                }
            }
            if (mentions.size() < 2) {
                continue;
            }
            c.sentences++;
            List<DirectedStanceModel.Pair> pairs = new ArrayList<>();
            for (int a = 0; a < mentions.size(); a++) {
                for (int b = a + 1; b < mentions.size(); b++) {
                    pairs.add(new DirectedStanceModel.Pair(mentions.get(a)[0], mentions.get(a)[1], mentions.get(b)[0],
                            mentions.get(b)[1]));
                }
            }
            for (DirectedPrediction p : model.predict(sentence, pairs)) {
                c.pairs++;
                DirectedLabel label = p.label();
                for (int k = 0; k < THRESHOLDS.length; k++) {
                    if (label != DirectedLabel.NEUTRAL && p.probability(label) >= THRESHOLDS[k]) {
                        c.alarms[k]++;
                    }
                }
            }
        }
    }

    /** The earliest whole-word occurrence of any form (longest first at one place), not overlapping {@code avoid}. */
    static int[] firstMention(String text, Set<String> forms, int[] avoid) {
        int[] best = null;
        List<String> sorted = forms.stream().filter(f -> !f.isBlank())
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String f : sorted) {
            int from = 0;
            while (true) {
                int at = text.indexOf(f, from);
                if (at < 0) {
                    break;
                }
                int end = at + f.length();
                boolean word = (at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
                        && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)));
                boolean clear = avoid == null || end <= avoid[0] || at >= avoid[1];
                if (word && clear) {
                    if (best == null || at < best[0]) {
                        best = new int[] {at, end};
                    }
                    break;
                }
                from = at + 1;
            }
        }
        return best;
    }

    /** Prints the figures; rates in percent. */
    public static void print(Counts c, PrintWriter w) {
        w.printf(Locale.ROOT, "articles: %d, entity-target stances (holder not AUTHOR, evidence found): %d"
                + " (evidence not found in the text: %d)%n", c.articles, c.entityStances, c.evidenceMissing);
        w.printf(Locale.ROOT, "holder not named in the evidence sentence(s): %d, target not named there: %d, scored: %d%n",
                c.holderMissing, c.targetMissing, c.scored);
        w.printf(Locale.ROOT, "on scored stances: non-neutral %s, holder->target direction %s, right polarity %s%n",
                pct(c.nonNeutral, c.scored), pct(c.rightDirection, c.scored), pct(c.rightPolarity, c.scored));
        for (int k = 0; k < THRESHOLDS.length; k++) {
            w.printf(Locale.ROOT, "p>=%.1f: right direction and polarity %s of scored; false alarms %s of %d pairs"
                    + " in %d sentences without gold stance evidence%n", THRESHOLDS[k], pct(c.correct[k], c.scored),
                    pct(c.alarms[k], c.pairs), c.pairs, c.sentences);
        }
        w.printf(Locale.ROOT, "%.1f s%n", c.seconds);
        w.flush();
    }

    private static String pct(int n, int d) {
        return String.format(Locale.ROOT, "%d (%.1f%%)", n, d == 0 ? 0 : 100.0 * n / d);
    }
}
