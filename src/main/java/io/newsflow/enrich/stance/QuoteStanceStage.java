package io.newsflow.enrich.stance;

import io.newsflow.enrich.BodyMentions;
import io.newsflow.enrich.BodyMentions.Located;
import io.newsflow.enrich.Capability;
import io.newsflow.enrich.Document;
import io.newsflow.enrich.Document.EntityType;
import io.newsflow.enrich.Document.Field;
import io.newsflow.enrich.Document.Polarity;
import io.newsflow.enrich.Document.Quote;
import io.newsflow.enrich.Document.Stance;
import io.newsflow.enrich.Document.TargetType;
import io.newsflow.enrich.Stage;
import io.newsflow.enrich.lexicon.LexiconTable;
import io.newsflow.enrich.lexicon.Lexicons;
import io.newsflow.enrich.text.Sentence;
import io.newsflow.enrich.text.TextLayer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stances read from quoted content: the quote's speaker is FOR or AGAINST a person or organisation the quote
 * evaluates. Two readings:
 * <ul>
 *   <li>inside the quote, a name with an evaluative predicate ("Putin is a war criminal", "I admire Lavrov");</li>
 *   <li>a name the quote is about, named by the sentence that frames it ("shared a photo of Lavrov, writing: 'This is
 *   what competent leadership looks like'", "said of Macron: '…'"), with the quote's evaluative polarity.</li>
 * </ul>
 * Evaluative words come from a bundled lexicon ({@code lexicon/evaluative.tsv}); a negated word ("is not a
 * dictator") and a quote holding words of both polarities give no stance. Only quotes with a known speaker are read;
 * the speaker is never their own target. Requires the stance tags of {@link StanceStage} and appends to them
 * (a pair it already tagged is not repeated). Stateless and thread-safe.
 */
public final class QuoteStanceStage implements Stage {

    public static final String NAME = "quote-stances";

    private static final String LEXICON = "evaluative";
    private static final double CONFIDENCE = 0.6;
    private static final int REACH = 60;
    private static final Pattern NEGATED = Pattern.compile(
            "\\b(?:not|no|never|hardly|n't|isn't|wasn't|aren't|don't|doesn't|didn't|cannot|can't|won't)\\s+"
                    + "(?:\\w+\\s+){0,2}$", Pattern.CASE_INSENSITIVE);
    /**
     * Between a name and a predicate evaluating it: "is a", "has been a very", "remains the", "’s a" (not a possessive:
     * "Washington’s closest friend" evaluates nobody).
     */
    private static final Pattern COPULA = Pattern.compile("^[’']?s?\\s*,?\\s*(?:is|was|are|were|has been|have been|"
            + "had been|remains|remained|became|(?:’s|'s)(?=\\s+(?:a|an|the|been|very|really|so|truly|just|such|"
            + "one)\\s))\\s+(?:[\\w-]+\\s+){0,3}$", Pattern.CASE_INSENSITIVE);
    /** Between a verb and its object: "admire", "thank President", "respect the". */
    private static final Pattern OBJECT_GAP = Pattern.compile("^\\s+(?:the\\s+|president\\s+|prime minister\\s+|"
            + "mr\\.?\\s+|mrs\\.?\\s+|ms\\.?\\s+)*$", Pattern.CASE_INSENSITIVE);
    /** Framing words naming what a quote is about. */
    private static final Pattern FRAME = Pattern.compile("\\b(?:(?:photo|photograph|picture|image|video|clip|post)s?"
            + "\\s+of|(?:said|says|wrote|writes|posted|tweeted|remarked|spoke)\\s+(?:of|about)|(?:asked|speaking|"
            + "talking|writing)\\s+about|referring\\s+to|in\\s+(?:a\\s+)?reference\\s+to|tribute\\s+to)"
            + "\\s+(?:the\\s+)?",
            Pattern.CASE_INSENSITIVE);
    /** Joins coordinated names after a framing phrase: "Lavrov and the Kremlin", "Macron, Scholz and Tusk". */
    private static final Pattern COORDINATION = Pattern.compile("^(?:\\s*,\\s*|\\s+and\\s+|\\s*,\\s+and\\s+)"
            + "(?:the\\s+)?$", Pattern.CASE_INSENSITIVE);
    /** "the Fed chair": a body named only to say who heads or speaks for it. */
    private static final Pattern ROLE_NOUN = Pattern.compile("[’']?s?\\s+(?:chair|chairman|chairwoman|chief|"
            + "head|boss|"
            + "leader|spokesman|spokeswoman|spokesperson|president|director|governor)\\b", Pattern.CASE_INSENSITIVE);
    /** "I respect Olaf, but he is wrong": a contrast after the evaluation leaves the speaker's view open. */
    private static final Pattern CONTRAST = Pattern.compile("\\b(?:but|however|although|though|yet)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Set<EntityType> TARGET_TYPES =
            Set.of(EntityType.PERSON, EntityType.ORGANIZATION, EntityType.LOCATION);

    private record Term(Polarity polarity, boolean verb) {
    }

    private record Hit(int start, int end, String term, Polarity polarity, boolean verb) {
    }

    private static final Map<String, Term> TERMS = load();
    private static final Pattern TERM = Pattern.compile("\\b(" + String.join("|", TERMS.keySet().stream()
            .sorted((a, b) -> b.length() - a.length()).map(t -> Pattern.quote(t).replace(" ", "\\E\\s+\\Q"))
            .toList()) + ")\\b", Pattern.CASE_INSENSITIVE);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Capability> requires() {
        return Set.of(Capability.NORMALIZED_TEXT, Capability.ENTITIES, Capability.QUOTES, Capability.STANCES);
    }

    @Override
    public Set<Capability> provides() {
        return Set.of(Capability.QUOTE_STANCES);
    }

    @Override
    public Document apply(Document document) {
        String text = document.body();
        List<Located> mentions = BodyMentions.of(document, TARGET_TYPES);
        List<Stance> stances = new ArrayList<>(document.stances());
        Set<String> seen = new HashSet<>();
        for (Stance s : stances) {
            seen.add(s.holder() + "|" + s.target());
        }
        List<Stance> found = new ArrayList<>();
        for (Quote q : document.quotes()) {
            if (q.field() != Field.BODY || q.speakerEntityId() == null) {
                continue;
            }
            List<Hit> hits = hits(text, q.start(), q.end());
            if (hits.isEmpty()) {
                continue;
            }
            inside(text, q, hits, mentions, found);
            framed(document.layer(Field.BODY), text, q, hits, mentions, found);
        }
        Map<String, Stance> byPair = new LinkedHashMap<>();
        Set<String> conflicting = new HashSet<>();
        for (Stance s : found) {
            String pair = s.holder() + "|" + s.target();
            Stance earlier = byPair.putIfAbsent(pair, s);
            if (earlier != null && earlier.polarity() != s.polarity()) {
                conflicting.add(pair);
            }
        }
        byPair.forEach((pair, s) -> {
            if (!conflicting.contains(pair) && seen.add(pair)) {
                stances.add(s);
            }
        });
        return document.withStances(stances);
    }

    /** Evaluative words in [from, to) that are not negated. */
    private static List<Hit> hits(String text, int from, int to) {
        List<Hit> hits = new ArrayList<>();
        Matcher m = TERM.matcher(text).region(from, to);
        while (m.find()) {
            String before = text.substring(Math.max(from, m.start() - 30), m.start());
            if (NEGATED.matcher(before).find()) {
                continue;
            }
            String key = m.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            Term t = TERMS.get(key);
            hits.add(new Hit(m.start(), m.end(), key, t.polarity(), t.verb()));
        }
        return hits;
    }

    /** Names inside the quote that an evaluative word is predicated of, or that an evaluative verb takes. */
    private static void inside(String text, Quote q, List<Hit> hits, List<Located> mentions, List<Stance> out) {
        for (Hit h : hits) {
            Located target = null;
            for (Located m : mentions) {
                if (m.start() < q.start() || m.end() > q.end() || m.entity().id().equals(q.speakerEntityId())) {
                    continue;
                }
                if (h.verb() && m.start() >= h.end() && m.start() - h.end() <= REACH
                        && OBJECT_GAP.matcher(text.substring(h.end(), m.start())).matches()) {
                    target = m;
                    break;
                }
                if (!h.verb() && m.end() <= h.start() && h.start() - m.end() <= REACH
                        && COPULA.matcher(text.substring(m.end(), h.start())).matches()) {
                    target = m;
                }
            }
            if (target != null && !CONTRAST.matcher(text).region(h.end(), q.end()).find()
                    && !asked(text, h.end(), q.end())) {
                int start = Math.min(target.start(), h.start());
                int end = Math.max(target.end(), h.end());
                out.add(stance(text, q, target, h.polarity(), start, end, h.term(), "quote-stance.evaluative-inside"));
            }
        }
    }

    /** True when the clause going on at {@code from} ends with a question mark before {@code to}: a question states nothing. */
    static boolean asked(String text, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (c == '?') {
                return true;
            }
            if (c == '.' || c == '!') {
                return false;
            }
        }
        return false;
    }

    /** Names the framing sentence says the quote is about, with the quote's single polarity. */
    private static void framed(TextLayer layer, String text, Quote q, List<Hit> hits, List<Located> mentions, List<Stance> out) {
        Polarity polarity = hits.get(0).polarity();
        for (Hit h : hits) {
            if (h.polarity() != polarity) {
                return;
            }
        }
        Sentence first = layer.sentenceAt(Math.max(0, q.start() - 1));
        Sentence last = layer.sentenceAt(Math.max(0, q.end() - 1));
        int sentenceStart = first == null ? 0 : first.start();
        String quoted = text.substring(q.start(), q.end()).strip();
        boolean closesSentence = !quoted.isEmpty() && ".!?".indexOf(quoted.charAt(quoted.length() - 1)) >= 0;
        int sentenceEnd = closesSentence ? Math.min(text.length(), q.end() + 1)
                : Math.max(q.end(), last == null ? q.end() : last.end());
        List<int[]> frames = new ArrayList<>();
        Matcher f = FRAME.matcher(text).region(sentenceStart, sentenceEnd);
        while (f.find()) {
            if (f.start() < q.start() - 1 || f.start() > q.end() + 1) {
                frames.add(new int[] {f.end()});
            }
        }
        for (int[] frame : frames) {
            int expected = frame[0];
            for (Located m : mentions) {
                if (m.start() < expected) {
                    continue;
                }
                boolean adjacent = m.start() == expected
                        || COORDINATION.matcher(text.substring(expected, m.start())).matches();
                if (!adjacent || m.start() >= q.start() - 1 && m.end() <= q.end() + 1) {
                    break;
                }
                if (!m.entity().id().equals(q.speakerEntityId())
                        && !ROLE_NOUN.matcher(text).region(m.end(), Math.min(text.length(), m.end() + 20))
                        .lookingAt()) {
                    out.add(stance(text, q, m, polarity, q.start(), q.end(), hits.get(0).term(),
                            "quote-stance.framed-target"));
                }
                expected = m.end();
            }
        }
    }

    private static Stance stance(String text, Quote q, Located target, Polarity polarity, int start, int end,
                                 String term, String method) {
        return new Stance(q.speakerEntityId(), q.speakerName(), target.entity().id(), target.entity().name(),
                TargetType.ENTITY, polarity, CONFIDENCE, Field.BODY, start, end, text.substring(start, end),
                "quote:" + term, method);
    }

    private static Map<String, Term> load() {
        Map<String, Term> terms = new LinkedHashMap<>();
        for (LexiconTable.Row r : Lexicons.bundled().table(LEXICON).rows()) {
            terms.put(r.get("term").toLowerCase(Locale.ROOT),
                    new Term(r.get("polarity").equals("+") ? Polarity.FAVOR : Polarity.AGAINST,
                            r.get("kind").equals("V")));
        }
        return Map.copyOf(terms);
    }
}
