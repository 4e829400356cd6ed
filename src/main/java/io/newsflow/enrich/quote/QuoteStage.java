package io.newsflow.enrich.quote;

import io.newsflow.enrich.BodyMentions;
import io.newsflow.enrich.BodyMentions.Located;
import io.newsflow.enrich.Capability;
import io.newsflow.enrich.Document;
import io.newsflow.enrich.Document.Entity;
import io.newsflow.enrich.Document.EntityType;
import io.newsflow.enrich.Document.Field;
import io.newsflow.enrich.Stage;
import io.newsflow.enrich.lexicon.Lexicons;
import io.newsflow.enrich.text.QuoteRegion;
import io.newsflow.enrich.text.TextLayer;
import io.newsflow.enrich.text.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Direct quotes of three words or more and who said them. Quotation regions come from the body's text layer; this
 * stage joins a quote split only by its attribution ("…," he said, "…") and a quote continued in the next paragraph
 * into one quote, and drops one- and two-word scare quotes.
 *
 * <p>Speakers come from an ordered list of named {@link AttributionRule}s ({@link AttributionRules#DEFAULT}): the
 * first rule that finds a speaker wins and its name is recorded as {@code Quote.method}. Speech verbs come from the
 * lexicon {@code speech-verbs} and are matched by lemma. A name inside a quote is never its speaker.
 *
 * <p>Stateless and thread-safe; never mutates its input.
 */
public final class QuoteStage implements Stage {

    public static final String NAME = "quotes";
    private static final int MIN_WORDS = 3;

    private final SpeechVerbs verbs;
    private final List<AttributionRule> rules;

    /** The stage with the bundled lexicons and the default rules. */
    public QuoteStage() {
        this(Lexicons.bundled(), AttributionRules.DEFAULT);
    }

    /** The stage with the given lexicons and rules (tried in list order). */
    public QuoteStage(Lexicons lexicons, List<AttributionRule> rules) {
        this.verbs = SpeechVerbs.from(Objects.requireNonNull(lexicons, "lexicons"));
        this.rules = List.copyOf(rules);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Capability> requires() {
        return Set.of(Capability.NORMALIZED_TEXT, Capability.ENTITIES);
    }

    @Override
    public Set<Capability> provides() {
        return Set.of(Capability.QUOTES);
    }

    @Override
    public Document apply(Document document) {
        TextLayer layer = document.layer(Field.BODY);
        String text = layer.text();
        List<QuoteSpan> spans = merge(layer, layer.quotes());
        // a name inside a quote is never its speaker, nor the referent of a pronoun after it
        Reach parts = new Reach(spans.stream().flatMap(q -> q.parts().stream()).toList(), 0);
        Reach covered = new Reach(spans.stream().flatMap(q -> q.parts().stream()).toList(), -1);
        List<Located> mentions = BodyMentions.of(document, Set.of(EntityType.PERSON, EntityType.ORGANIZATION))
                .stream().filter(m -> parts.maxEndFrom(m.start()) < m.end()).toList();
        List<Located> places = BodyMentions.of(document, Set.of(EntityType.LOCATION)).stream()
                .filter(m -> covered.maxEndFrom(m.start()) < m.start()).toList();
        List<Document.Quote> quotes = new ArrayList<>();
        Entity previousSpeaker = null;
        int previousParagraphEnd = -1;
        for (QuoteSpan s : spans) {
            String quoted = s.text(text);
            if (words(quoted) < MIN_WORDS) {
                continue;
            }
            boolean sameParagraph = previousParagraphEnd >= s.open();
            boolean nextParagraph = opensParagraph(text, s.open())
                    && text.lastIndexOf('\n', s.open() - 1) <= previousParagraphEnd + 1;
            QuoteContext context = new QuoteContext(layer, s, mentions, places, verbs, previousSpeaker, sameParagraph,
                    nextParagraph);
            Attribution a = null;
            String method = null;
            for (AttributionRule rule : rules) {
                Optional<Attribution> found = rule.apply(context);
                if (found.isPresent()) {
                    a = found.get();
                    method = rule.name();
                    break;
                }
            }
            quotes.add(new Document.Quote(quoted, Field.BODY, s.start(), s.end(),
                    a == null ? null : a.speaker().id(), a == null ? null : a.speaker().name(),
                    a == null ? null : a.cue(), method));
            previousSpeaker = a == null ? null : a.speaker();
            int nl = text.indexOf('\n', s.end());
            previousParagraphEnd = nl < 0 ? text.length() : nl;
        }
        return document.withQuotes(quotes);
    }

    /** Joins a quote split by a short attribution, and a quote continued across a paragraph break. */
    private List<QuoteSpan> merge(TextLayer layer, List<QuoteRegion> regions) {
        String text = layer.text();
        List<QuoteSpan> out = new ArrayList<>();
        for (QuoteRegion r : regions) {
            QuoteSpan s = new QuoteSpan(r.open(), r.close(), List.of(new int[] {r.start(), r.end()}));
            if (!out.isEmpty()) {
                QuoteSpan prev = out.get(out.size() - 1);
                boolean continued = (prev.close() >= text.length() || text.charAt(prev.close()) == '\n')
                        && text.substring(prev.close(), s.open()).isBlank();
                int gapStart = Math.min(s.open(), prev.close() + 1);
                String gap = continued ? "" : text.substring(gapStart, s.open());
                boolean split = !gap.contains("\n") && gap.length() < 80 && hasSpeechVerb(layer, gapStart, s.open())
                        && text.substring(prev.start(), prev.end()).stripTrailing().endsWith(",")
                        && gap.strip().endsWith(",");
                if (continued || split || sameSpeakerRuns(layer, prev, r)) {
                    List<int[]> parts = new ArrayList<>(prev.parts());
                    parts.addAll(s.parts());
                    out.set(out.size() - 1, new QuoteSpan(prev.open(), s.close(), parts));
                    continue;
                }
            }
            out.add(s);
        }
        return out;
    }

    /**
     * "“…,” X said on Monday. “…”" and "… called it “…”. “…”": a quote that follows another in the same paragraph,
     * with nothing between them but one attribution sentence (a speech verb, no new quote) or punctuation, and with
     * no attribution of its own, continues the quote before it (the gold convention: one quote).
     */
    private boolean sameSpeakerRuns(TextLayer layer, QuoteSpan prev, QuoteRegion next) {
        String text = layer.text();
        int from = Math.min(prev.close() + 1, next.open());
        String gap = text.substring(from, next.open());
        if (gap.contains("\n") || gap.length() > 200 || !next.closed()) {
            return false;
        }
        boolean punctuationOnly = gap.strip().matches("[.,;]?");
        if (!punctuationOnly) {
            String g = gap.strip();
            if (!g.endsWith(".") || !hasSpeechVerb(layer, from, next.open())
                    || !oneSentence(layer, from, next.open()) || reportsMore(layer, from, next.open())) {
                return false;
            }
        }
        return !hasSpeechVerb(layer, next.close() + 1, attributionWindowEnd(layer, next.close() + 1));
    }

    /**
     * Whether the text between two quotes says more than who spoke: a speech verb in -ing ("X said, adding that
     * taxes would not rise."); then the quotes are two (the gold convention: new
     * narrative between quotes makes two).
     */
    private boolean reportsMore(TextLayer layer, int from, int to) {
        for (int i = layer.tokenAt(from); i < layer.tokens().size(); i++) {
            Token t = layer.tokens().get(i);
            if (t.end() > to) {
                break;
            }
            if (t.start() >= from && layer.pos(i).equals("VBG") && verbs.isSpeech(layer, i)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the tokens in [from, to) all belong to one sentence of the layer. */
    private static boolean oneSentence(TextLayer layer, int from, int to) {
        int sentence = -1;
        for (int i = layer.tokenAt(from); i < layer.tokens().size(); i++) {
            Token t = layer.tokens().get(i);
            if (t.start() >= to) {
                break;
            }
            if (t.start() < from) {
                continue;
            }
            if (sentence >= 0 && t.sentence() != sentence) {
                return false;
            }
            sentence = t.sentence();
        }
        return true;
    }

    /** End of the sentence holding the first token at or after {@code from}, never past the paragraph end. */
    private static int attributionWindowEnd(TextLayer layer, int from) {
        String text = layer.text();
        int nl = text.indexOf('\n', Math.min(from, text.length()));
        int end = nl < 0 ? text.length() : nl;
        int t = layer.tokenAt(from);
        if (t < layer.tokens().size()) {
            end = Math.min(end, layer.sentences().get(layer.tokens().get(t).sentence()).end());
        }
        return Math.max(from, end);
    }

    private boolean hasSpeechVerb(TextLayer layer, int from, int to) {
        for (int i = layer.tokenAt(from); i < layer.tokens().size(); i++) {
            Token t = layer.tokens().get(i);
            if (t.end() > to) {
                break;
            }
            if (t.start() >= from && verbs.isSpeech(layer, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean opensParagraph(String text, int open) {
        int nl = text.lastIndexOf('\n', open - 1);
        return text.substring(nl + 1, open).isBlank();
    }

    private static int words(String s) {
        String t = s.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    /**
     * Quote parts sorted by (shifted) start with the running maximum of their ends: whether some part starting at or
     * before an offset reaches a given end is one binary search, so filtering all mentions is n log n, not n × m.
     */
    private static final class Reach {
        private final int[] starts;
        private final int[] maxEnds;

        Reach(List<int[]> parts, int startShift) {
            List<int[]> sorted = new ArrayList<>(parts);
            sorted.sort(Comparator.comparingInt(p -> p[0]));
            starts = new int[sorted.size()];
            maxEnds = new int[sorted.size()];
            int max = Integer.MIN_VALUE;
            for (int i = 0; i < sorted.size(); i++) {
                starts[i] = sorted.get(i)[0] + startShift;
                max = Math.max(max, sorted.get(i)[1]);
                maxEnds[i] = max;
            }
        }

        /** Largest end among parts whose (shifted) start is at most {@code offset}; MIN_VALUE when none. */
        int maxEndFrom(int offset) {
            int lo = 0;
            int hi = starts.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (starts[mid] <= offset) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo == 0 ? Integer.MIN_VALUE : maxEnds[lo - 1];
        }
    }
}
