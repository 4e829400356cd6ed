package io.newsflow.tools.eval;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Scores article annotations against gold labels exactly as {@code shared/eval/score.py} does: same name
 * normalisation, same entity, quote and topic matching (greedy, in gold order), the same nine micro-averaged measures,
 * and the same table and {@code --json} output. Precision, recall and F1 are computed with the same IEEE-754
 * operations, so the figures are identical, not just close.
 *
 * <p>Input: gold objects (one per article, each with an {@code id}) and prediction objects in the same format
 * ({@code id} matched as a string; a gold article without a prediction counts as all-missed). Stateless and
 * thread-safe.
 */
public final class GoldScorer {

    /** The measures, in the order score.py prints them. */
    public static final List<String> MEASURES = List.of("persons", "leaders", "organizations", "locations",
            "name_variants", "quotes", "quote_speakers", "stances_entity", "stances_all");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String AUTHOR = "AUTHOR";
    private static final Set<String> STOP = Set.of(("a an the of to for in on at by with from and or as its their his "
            + "her our this that these those be is are was were been being it they he she we any all").split(" "));
    private static final List<Map.Entry<Pattern, String>> SPELLING = List.of(
            Map.entry(Pattern.compile("defence"), "defense"), Map.entry(Pattern.compile("offence"), "offense"),
            Map.entry(Pattern.compile("isation"), "ization"), Map.entry(Pattern.compile("ise\\b"), "ize"),
            Map.entry(Pattern.compile("ised\\b"), "ized"), Map.entry(Pattern.compile("ising\\b"), "izing"),
            Map.entry(Pattern.compile("our\\b"), "or"), Map.entry(Pattern.compile("tre\\b"), "ter"));
    private static final List<String> SUFFIXES = List.of("ations", "ation", "ments", "ment", "ings", "ing", "ies",
            "ied", "es", "ed", "s");
    // applied to text that holds only [a-z0-9 ] by then, so Java's and Python's \b and \s agree
    private static final Pattern HONORIFIC =
            Pattern.compile("\\b(mr|mrs|ms|dr|sir|president|prime minister|minister)\\b");
    private static final Pattern LEADING_THE = Pattern.compile("^\\s*the\\s+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private GoldScorer() {
    }

    /** True positives, gold and predicted counts of one measure, summed over documents. */
    public record Tally(long tp, long gold, long pred) {

        Tally add(long tp, long gold, long pred) {
            return new Tally(this.tp + tp, this.gold + gold, this.pred + pred);
        }

        /** tp / pred, 0 when nothing was predicted. */
        public double precision() {
            return pred != 0 ? (double) tp / pred : 0.0;
        }

        /** tp / gold, 0 when there is no gold item. */
        public double recall() {
            return gold != 0 ? (double) tp / gold : 0.0;
        }

        /** Harmonic mean of precision and recall, 0 when both are 0. */
        public double f1() {
            double p = precision();
            double r = recall();
            return p + r != 0 ? 2 * p * r / (p + r) : 0.0;
        }
    }

    /** The nine measures in {@link #MEASURES} order. */
    public record Report(Map<String, Tally> measures) {

        public Report {
            measures = Collections.unmodifiableMap(new LinkedHashMap<>(measures));
        }

        /** One measure; fails on an unknown name. */
        public Tally tally(String measure) {
            Tally t = measures.get(measure);
            if (t == null) {
                throw new IllegalArgumentException("unknown measure '" + measure + "'; known: " + MEASURES);
            }
            return t;
        }

        /** The table score.py prints: {@code measure precision recall F1 gold pred}, one line per measure. */
        public String table() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "%-16s%10s%10s%8s%7s%7s%n", "measure", "precision", "recall", "F1",
                    "gold", "pred"));
            for (Map.Entry<String, Tally> e : measures.entrySet()) {
                Tally t = e.getValue();
                out.append(String.format(Locale.ROOT, "%-16s%10s%10s%8s%7d%7d%n", e.getKey(), fixed3(t.precision()),
                        fixed3(t.recall()), fixed3(t.f1()), t.gold(), t.pred()));
            }
            return out.toString();
        }

        /** The line score.py prints with {@code --json} (Python's {@code json.dumps} layout and float repr). */
        public String json() {
            StringBuilder out = new StringBuilder("{");
            for (Map.Entry<String, Tally> e : measures.entrySet()) {
                if (out.length() > 1) {
                    out.append(", ");
                }
                Tally t = e.getValue();
                out.append('"').append(e.getKey()).append("\": {\"precision\": ").append(pyRepr(t.precision()))
                        .append(", \"recall\": ").append(pyRepr(t.recall()))
                        .append(", \"f1\": ").append(pyRepr(t.f1())).append('}');
            }
            return out.append('}').toString();
        }
    }

    /** Scores a prediction file (JSON lines) against the {@code *.json} gold files of {@code goldDir}. */
    public static Report score(Path goldDir, Path predictions) throws IOException {
        return score(readGold(goldDir), readPredictions(predictions));
    }

    /**
     * Scores predictions against gold objects. Gold objects are taken in the given order (score.py: file-name order);
     * a later gold object with the same id replaces an earlier one, as in a Python dict.
     */
    public static Report score(List<JsonNode> golds, List<JsonNode> predictions) {
        Map<Object, JsonNode> goldById = new LinkedHashMap<>();
        for (JsonNode g : golds) {
            goldById.put(goldKey(field(g, "id"), g), g);
        }
        Map<String, JsonNode> predById = new LinkedHashMap<>();
        for (JsonNode p : predictions) {
            JsonNode id = field(p, "id");
            if (p.get("id") == null) {
                throw new IllegalArgumentException("prediction without \"id\": " + p);
            }
            predById.put(pyStr(id), p);
        }
        Map<String, Tally> t = new LinkedHashMap<>();
        MEASURES.forEach(m -> t.put(m, new Tally(0, 0, 0)));
        ObjectNode none = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<Object, JsonNode> e : goldById.entrySet()) {
            JsonNode g = e.getValue();
            JsonNode p = e.getKey() instanceof String id && predById.containsKey(id) ? predById.get(id) : none;
            for (String kind : List.of("persons", "organizations", "locations")) {
                Matching m = matchSets(list(g, kind), list(p, kind));
                t.put(kind, t.get(kind).add(m.pairs().size(), m.gold(), m.pred()));
            }
            List<JsonNode> gl = list(g, "persons").stream().filter(x -> truthy(field(x, "leader"))).toList();
            List<JsonNode> pl = list(p, "persons").stream().filter(x -> truthy(field(x, "leader"))).toList();
            Matching leaders = matchSets(gl, pl);
            t.put("leaders", t.get("leaders").add(leaders.pairs().size(), leaders.gold(), leaders.pred()));
            // name variants: each gold surface form (incl. title-only ones) must be listed under the right person
            Matching persons = matchSets(list(g, "persons"), list(p, "persons"));
            Map<JsonNode, JsonNode> matched = new IdentityHashMap<>();
            for (JsonNode[] pair : persons.pairs()) {
                matched.put(pair[0], pair[1]);
            }
            for (JsonNode ge : list(g, "persons")) {
                Set<JsonNode> forms = new HashSet<>(list(ge, "mentions"));
                forms.addAll(list(ge, "title_mentions"));
                JsonNode pe = matched.get(ge);
                Set<JsonNode> have = new HashSet<>();
                if (pe != null) {
                    have.addAll(list(pe, "mentions"));
                    have.addAll(list(pe, "title_mentions"));
                }
                Set<JsonNode> common = new HashSet<>(forms);
                common.retainAll(have);
                t.put("name_variants", t.get("name_variants").add(common.size(), forms.size(), common.size()));
            }
            scoreQuotes(g, p, t);
            scoreStances(g, p, t, "stances_entity", true);
            scoreStances(g, p, t, "stances_all", false);
        }
        return new Report(t);
    }

    private static void scoreQuotes(JsonNode g, JsonNode p, Map<String, Tally> t) {
        List<JsonNode> gq = list(g, "quotes");
        List<JsonNode> pq = list(p, "quotes");
        Set<Integer> used = new HashSet<>();
        int hit = 0;
        int named = 0;
        int spk = 0;
        for (JsonNode q : gq) {
            for (int i = 0; i < pq.size(); i++) {
                JsonNode r = pq.get(i);
                if (!used.contains(i) && quoteMatch(q, r)) {
                    used.add(i);
                    hit++;
                    if (truthy(field(q, "speaker"))) {
                        named++;
                        if (sameRef(entityRef(field(q, "speaker"), g), entityRef(field(r, "speaker"), p))) {
                            spk++;
                        }
                    }
                    break;
                }
            }
        }
        t.put("quotes", t.get("quotes").add(hit, gq.size(), pq.size()));
        long withSpeaker = gq.stream().filter(q -> truthy(field(q, "speaker"))).count();
        t.put("quote_speakers", t.get("quote_speakers").add(spk, withSpeaker, named));
    }

    private static void scoreStances(JsonNode g, JsonNode p, Map<String, Tally> t, String key, boolean onlyEntities) {
        List<JsonNode> gs = list(g, "stances").stream()
                .filter(s -> !onlyEntities || isEntityTarget(s)).toList();
        List<JsonNode> ps = list(p, "stances").stream()
                .filter(s -> !onlyEntities || isEntityTarget(s)).toList();
        Set<Integer> used = new HashSet<>();
        int hit = 0;
        for (JsonNode s : gs) {
            for (int i = 0; i < ps.size(); i++) {
                JsonNode r = ps.get(i);
                if (used.contains(i) || !pyEquals(field(r, "polarity"), field(s, "polarity"))) {
                    continue;
                }
                if (!sameRef(entityRef(field(s, "holder"), g), entityRef(field(r, "holder"), p))) {
                    continue;
                }
                boolean ok;
                if (isEntityTarget(s)) {
                    ok = isEntityTarget(r)
                            && sameRef(entityRef(field(s, "target"), g), entityRef(field(r, "target"), p));
                } else {
                    ok = topicMatch(text(field(s, "target")), text(field(r, "target")));
                }
                if (ok) {
                    used.add(i);
                    hit++;
                    break;
                }
            }
        }
        t.put(key, t.get(key).add(hit, gs.size(), ps.size()));
    }

    private static boolean isEntityTarget(JsonNode stance) {
        JsonNode type = field(stance, "target_type");
        return type != null && type.isTextual() && type.textValue().equals("entity");
    }

    // ---- matching, as in score.py ----

    private record Matching(List<JsonNode[]> pairs, int gold, int pred) {
    }

    /** Greedy one-to-one matching in gold order; each gold item takes the first unused prediction that names it. */
    private static Matching matchSets(List<JsonNode> golds, List<JsonNode> preds) {
        Set<Integer> used = new HashSet<>();
        List<JsonNode[]> pairs = new ArrayList<>();
        for (JsonNode g : golds) {
            for (int pi = 0; pi < preds.size(); pi++) {
                if (!used.contains(pi) && same(g, preds.get(pi))) {
                    used.add(pi);
                    pairs.add(new JsonNode[] {g, preds.get(pi)});
                    break;
                }
            }
        }
        return new Matching(pairs, golds.size(), preds.size());
    }

    /** Every normalised form that identifies an entity: canonical name, QID (upper case), surface mentions. */
    private static Set<String> keys(JsonNode entity) {
        Set<String> ks = new HashSet<>();
        ks.add(norm(text(field(entity, "name"))));
        JsonNode qid = field(entity, "qid");
        if (truthy(qid)) {
            ks.add(qid.asText().toUpperCase(Locale.ROOT));
        }
        for (JsonNode m : list(entity, "mentions")) {
            ks.add(norm(text(m)));
        }
        ks.remove("");
        return ks;
    }

    /** A prediction names a gold entity when its canonical name, QID or a full-name mention agrees. */
    static boolean same(JsonNode gold, JsonNode pred) {
        JsonNode gq = field(gold, "qid");
        JsonNode pq = field(pred, "qid");
        if (truthy(gq) && truthy(pq)) {
            return gq.asText().toUpperCase(Locale.ROOT).equals(pq.asText().toUpperCase(Locale.ROOT));
        }
        String pn = norm(text(field(pred, "name")));
        String gn = norm(text(field(gold, "name")));
        return pn.equals(gn) || keys(gold).contains(pn) || keys(pred).contains(gn);
    }

    private static JsonNode resolve(JsonNode name, List<JsonNode> entities) {
        ObjectNode probe = JsonNodeFactory.instance.objectNode();
        probe.set("name", name);
        probe.putArray("mentions").add(name);
        for (JsonNode e : entities) {
            if (same(e, probe)) {
                return e;
            }
        }
        return null;
    }

    /** null, the string AUTHOR, or an entity object (from the document, else a probe built from the name). */
    private static Object entityRef(JsonNode name, JsonNode doc) {
        if (name == null) {
            return null;
        }
        if (name.isTextual() && name.textValue().equals(AUTHOR)) {
            return AUTHOR;
        }
        List<JsonNode> entities = new ArrayList<>(list(doc, "persons"));
        entities.addAll(list(doc, "organizations"));
        entities.addAll(list(doc, "locations"));
        JsonNode e = resolve(name, entities);
        if (e != null) {
            return e;
        }
        ObjectNode probe = JsonNodeFactory.instance.objectNode();
        probe.set("name", name);
        probe.putArray("mentions").add(name);
        return probe;
    }

    private static boolean sameRef(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (AUTHOR.equals(a) || AUTHOR.equals(b)) {
            return a.equals(b);
        }
        return same((JsonNode) a, (JsonNode) b);
    }

    private static boolean quoteMatch(JsonNode g, JsonNode p) {
        String gs = norm(text(field(g, "start")));
        JsonNode start = field(p, "start");
        String ps = norm(text(truthy(start) ? start : field(p, "text")));
        return !gs.isEmpty() && !ps.isEmpty() && (ps.startsWith(gs) || gs.startsWith(ps) || ps.contains(gs));
    }

    /**
     * Topics match on content words: Jaccard at least 0.5, or every gold word present in a prediction at most three
     * words longer.
     */
    static boolean topicMatch(String gold, String pred) {
        Set<String> wg = contentWords(gold);
        Set<String> wp = contentWords(pred);
        if (wg.isEmpty() || wp.isEmpty()) {
            return false;
        }
        Set<String> both = new HashSet<>(wg);
        both.retainAll(wp);
        Set<String> either = new HashSet<>(wg);
        either.addAll(wp);
        return (double) both.size() / either.size() >= 0.5 || (wp.containsAll(wg) && wp.size() <= wg.size() + 3);
    }

    // ---- text, as in score.py ----

    /**
     * score.py's {@code norm}: NFKD, combining marks dropped, ’ → ', lower case, {@code 's} dropped before a word
     * boundary, other non-alphanumerics → space, honorifics and leading "the" dropped, spaces collapsed.
     */
    static String norm(String s) {
        if (s == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(s, Normalizer.Form.NFKD);
        StringBuilder kept = new StringBuilder(decomposed.length());
        decomposed.codePoints().filter(cp -> !combining(cp)).forEach(kept::appendCodePoint);
        String lower = kept.toString().replace('\u2019', '\'').toLowerCase(Locale.ROOT);
        // re.sub(r"'s\b", "", s): the boundary after 's' needs a non-word character (Python's Unicode \w) or the end
        StringBuilder noPossessive = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); ) {
            if (lower.startsWith("'s", i)
                    && (i + 2 == lower.length() || !pyWordChar(lower.codePointAt(i + 2)))) {
                i += 2;
                continue;
            }
            noPossessive.append(lower.charAt(i));
            i++;
        }
        // re.sub(r"[^a-z0-9 ]+", " ", s)
        StringBuilder ascii = new StringBuilder(noPossessive.length());
        boolean inRun = false;
        for (int i = 0; i < noPossessive.length(); i++) {
            char c = noPossessive.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == ' ';
            if (ok) {
                ascii.append(c);
                inRun = false;
            } else if (!inRun) {
                ascii.append(' ');
                inRun = true;
            }
        }
        String out = HONORIFIC.matcher(ascii).replaceAll(" ");
        out = LEADING_THE.matcher(out).replaceFirst("");
        return SPACES.matcher(out).replaceAll(" ").strip();
    }

    /** score.py's {@code stem}: British → American spelling, then the first suffix that leaves three letters. */
    static String stem(String word) {
        String w = word;
        for (Map.Entry<Pattern, String> rule : SPELLING) {
            w = rule.getKey().matcher(w).replaceAll(rule.getValue());
        }
        for (String suffix : SUFFIXES) {
            if (w.endsWith(suffix) && w.length() - suffix.length() >= 3) {
                return w.substring(0, w.length() - suffix.length())
                        + (suffix.equals("ies") || suffix.equals("ied") ? "y" : "");
            }
        }
        return w;
    }

    /** Stemmed words of the normalised text, stop words dropped. */
    static Set<String> contentWords(String s) {
        Set<String> words = new HashSet<>();
        for (String w : norm(s).split(" ")) {
            if (!w.isEmpty() && !STOP.contains(w)) {
                words.add(stem(w));
            }
        }
        return words;
    }

    /** Python's {@code unicodedata.combining(c) != 0}: a canonical combining class above zero. */
    static boolean combining(int cp) {
        int type = Character.getType(cp);
        if (type != Character.NON_SPACING_MARK && type != Character.COMBINING_SPACING_MARK
                && type != Character.ENCLOSING_MARK) {
            return false;
        }
        if (cp == 0x0345) {
            return true; // class 240, the highest there is
        }
        // canonical ordering moves a mark of class 1..239 in front of U+0345 (class 240); class 0 stays put
        String probe = "a\u0345" + Character.toString(cp);
        return !Normalizer.normalize(probe, Normalizer.Form.NFD).equals(probe);
    }

    /** Python's {@code \w} for str patterns: alphanumeric (str.isalnum) or underscore. */
    static boolean pyWordChar(int cp) {
        if (cp == '_' || Character.isLetter(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    // ---- JSON access with Python's dict.get and truthiness ----

    /** The value of a field; null when absent or JSON null (Python's {@code d.get(key)} returning None). */
    private static JsonNode field(JsonNode node, String key) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    /** Elements of an array field; empty when absent or null ({@code d.get(key, []) or []}). */
    private static List<JsonNode> list(JsonNode node, String key) {
        JsonNode v = field(node, key);
        if (v == null || !v.isArray()) {
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>(v.size());
        v.forEach(out::add);
        return out;
    }

    private static String text(JsonNode v) {
        return v == null || v.isNull() ? null : v.asText();
    }

    private static boolean truthy(JsonNode v) {
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isNumber()) {
            return v.doubleValue() != 0;
        }
        if (v.isTextual()) {
            return !v.textValue().isEmpty();
        }
        return v.size() > 0;
    }

    private static boolean pyEquals(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    /** Python's {@code str(value)} for a JSON scalar. */
    private static String pyStr(JsonNode v) {
        if (v == null || v.isNull()) {
            return "None";
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue() ? "True" : "False";
        }
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue().toString();
        }
        if (v.isNumber()) {
            return pyRepr(v.doubleValue());
        }
        return v.toString();
    }

    private static Object goldKey(JsonNode id, JsonNode gold) {
        if (gold.get("id") == null) {
            throw new IllegalArgumentException("gold object without \"id\"");
        }
        // Python keys the gold dict by the raw value; only a string can equal a prediction's str(id)
        return id != null && id.isTextual() ? id.textValue() : List.of("non-string id", pyStr(id));
    }

    // ---- number formatting as Python prints it ----

    /** Python's {@code f"{x:.3f}"}: the exact binary value rounded half-even. */
    static String fixed3(double x) {
        return new BigDecimal(x).setScale(3, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Python's {@code repr(float)}: shortest round-trip digits, fixed notation for exponents -4..15. */
    static String pyRepr(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "Infinity" : "-Infinity";
        }
        if (x == 0) {
            return (1 / x < 0) ? "-0.0" : "0.0";
        }
        BigDecimal d = new BigDecimal(NumberOutput.toString(x, true)).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent >= -4 && exponent < 16) {
            String plain = d.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = d.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (d.signum() < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
    }

    // ---- files ----

    /** The {@code *.json} files of a folder in file-name order, parsed (score.py's {@code sorted(glob("*.json"))}). */
    public static List<JsonNode> readGold(Path goldDir) throws IOException {
        if (!Files.isDirectory(goldDir)) {
            throw new IOException("gold folder not found: " + goldDir);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(goldDir)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f))
                    .sorted((a, b) -> compareCodePoints(a.getFileName().toString(), b.getFileName().toString()))
                    .toList();
        }
        List<JsonNode> out = new ArrayList<>(files.size());
        for (Path f : files) {
            try {
                out.add(JSON.readTree(Files.readString(f, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new IOException("cannot read gold file " + f + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** One JSON object per non-blank line (lines split as Python's {@code str.splitlines}). */
    public static List<JsonNode> readPredictions(Path file) throws IOException {
        return parseLines(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    static List<JsonNode> parseLines(String text, String source) {
        List<JsonNode> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : splitLines(text)) {
            lineNo++;
            if (isBlank(line)) {
                continue;
            }
            try {
                out.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException(source + " line " + lineNo + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean breaks = c == '\n' || c == '\r' || c == '\u000b' || c == '\u000c' || c == '\u001c' || c == '\u001d'
                    || c == '\u001e' || c == '\u0085' || c == '\u2028' || c == '\u2029';
            if (!breaks) {
                i++;
                continue;
            }
            lines.add(text.substring(start, i));
            i += c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
            start = i;
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private static boolean isBlank(String line) {
        return line.codePoints().allMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                || cp == 0x85 || cp >= 0x1c && cp <= 0x1f);
    }

    private static int compareCodePoints(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (x[i] != y[i]) {
                return Integer.compare(x[i], y[i]);
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
