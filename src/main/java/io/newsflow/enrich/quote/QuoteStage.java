package io.newsflow.enrich.quote;

import io.newsflow.enrich.BodyMentions;
import io.newsflow.enrich.BodyMentions.Located;
import io.newsflow.enrich.Capability;
import io.newsflow.enrich.Document;
import io.newsflow.enrich.Document.Entity;
import io.newsflow.enrich.Document.EntityType;
import io.newsflow.enrich.Document.Field;
import io.newsflow.enrich.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Direct quotes of three words or more and who said them. Quotation marks: straight and curly, double and single
 * (apostrophes are told apart from closing single quotes); a quote split by an attribution ("…," he said, "…") is
 * one quote; a quote continued in the next paragraph (no closing mark, next paragraph opens with a mark) is one
 * quote; nested quotes stay inside their outer quote; one- and two-word scare quotes are ignored.
 *
 * <p>Speakers come from the attribution around the quote: "X said", "said X", "X told reporters:", "X, writing:",
 * "according to X", a colon after a named or titled speaker ("The PM said:"), a pronoun resolved to the nearest
 * preceding person, organisations ("the White House said"), and titles already resolved by the entity stage. A
 * quote that opens a paragraph without attribution continues the previous paragraph's speaker. Stateless and
 * thread-safe.
 */
public final class QuoteStage implements Stage {

    public static final String NAME = "quotes";

    private static final String VERBS = "said|says|say|added|adds|told|tells|wrote|writes|writing|warned|warns|"
            + "insisted|insists|declared|stated|posted|replied|explained|argued|asked|noted|continued|recalled|"
            + "stressed|urged|conceded|admitted|claimed|announced|remarked|responded|commented|tweeted|"
            + "acknowledged|cautioned|complained|concluded|predicted|promised|vowed|joked|suggested|observed";
    private static final Pattern AFTER_VERB_FIRST = Pattern.compile(
            "^\\s*[,.!?…]?\\s*(?:" + VERBS + ")\\b\\s*(.{0,80})", Pattern.DOTALL);
    private static final Pattern AFTER_SPEAKER_FIRST = Pattern.compile(
            "^\\s*[,.!?…]?\\s*(.{1,80}?)\\s+(?:" + VERBS + ")\\b");
    /** "… “very good” phone call with X, according to the White House": the source follows "according to". */
    private static final Pattern ACCORDING_AFTER = Pattern.compile("^[”\"’']?[^.!?“”\"\\n]{0,160}?\\baccording to\\s+");
    private static final Pattern BEFORE = Pattern.compile(
            "(?:\\b(?:" + VERBS + ")\\b[^“”\"‘]{0,60}?|\\bwriting|\\baccording to\\b[^“”\"‘]{0,60}?)\\s*[:,]?\\s*$");
    private static final Pattern PRONOUN = Pattern.compile("^(?:he|she|He|She)\\b");
    /** A body referred to by "it" or a generic noun ("the party", "the ministry"). */
    private static final Pattern BODY_REFERENCE = Pattern.compile("(?:it|It|[Tt]he\\s+(?:party|company|ministry|"
            + "government|agency|group|bank|organi[sz]ation|alliance|union|commission|council|movement|firm|"
            + "committee|department|office|court|central bank))");
    private static final Pattern SENTENCE_CLOSED = Pattern.compile("^\\s*[.!?]");
    /** The end of the sentence after a quote: no attribution is read past it ("… page" about Russia. “Nobody …”). */
    private static final Pattern NEXT_SENTENCE = Pattern.compile("(?<!\\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sen|Rep|"
            + "Gov|Prof|"
            + "Jr|Sr|\\p{Lu}))[.!?][”\"’']?\\s+(?=[“\"‘]?\\p{Lu})");
    /** A clause after a quote that has its own subject: ", while Marine Le Pen said …". */
    private static final Pattern NEW_CLAUSE = Pattern.compile("(?:while|whereas|but|and|although|though|as|when|"
            + "because|after|before|since)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern CLAUSE_BREAK = Pattern.compile(", while |; |, but | while | whereas ");
    private static final Pattern ANY_VERB = Pattern.compile("\\b(?:" + VERBS + "|welcomed|criticised|criticized|"
            + "praised|condemned|rejected|dismissed|called|described|urged|warned)\\b");
    /** Between a name and its verb: nothing, or an adverb ("Guterres later described", "X on Tuesday said"). */
    private static final Pattern ADVERBIAL_GAP = Pattern.compile("\\s*(?:\\p{Ll}+ly\\s+|also\\s+|later\\s+|"
            + "then\\s+)?");
    private static final Pattern PARTICIPLE = Pattern.compile("^(?:writing|saying|adding|telling|posting)\\b");
    private static final Pattern VERB_IN_GAP = Pattern.compile("\\b(?:" + VERBS + ")\\b");
    private static final int MIN_WORDS = 3;

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
        String text = document.body();
        List<Span> spans = merge(text, document.layer(Field.BODY).quotes().stream()
                .map(r -> new Span(r.open(), r.close(), List.of(new int[] {r.start(), r.end()}))).toList());
        // a name inside a quote is never its speaker, nor the referent of a pronoun after it
        List<Located> mentions = BodyMentions.of(document, Set.of(EntityType.PERSON, EntityType.ORGANIZATION)).stream()
                .filter(m -> spans.stream().flatMap(q -> q.parts().stream())
                        .noneMatch(part -> m.start() >= part[0] && m.end() <= part[1])).toList();
        List<Document.Quote> quotes = new ArrayList<>();
        Entity previousSpeaker = null;
        int previousParagraphEnd = -1;
        for (Span s : spans) {
            String quoted = s.text(text);
            if (words(quoted) < MIN_WORDS) {
                continue;
            }
            Attribution a = attribute(text, s, mentions);
            boolean sameParagraph = previousParagraphEnd >= s.open();
            boolean nextParagraph = opensParagraph(text, s.open())
                    && text.lastIndexOf('\n', s.open() - 1) <= previousParagraphEnd + 1;
            if (a == null) {
                // a quote inside a sentence with its own subject ("X, by contrast, praised the “…”") is that
                // subject's; one that opens its sentence continues the previous speaker
                Attribution subject = sentenceSubject(text, s, mentions);
                boolean opensSentence = text.substring(sentenceStart(text, s.open()), s.open()).isBlank();
                boolean continues = previousSpeaker != null && (sameParagraph || nextParagraph);
                a = continues && (opensSentence || subject == null) ? new Attribution(previousSpeaker, null, "quote.continues-previous") : subject;
            }
            quotes.add(new Document.Quote(quoted, Field.BODY, s.start(), s.end(),
                    a == null ? null : a.speaker().id(), a == null ? null : a.speaker().name(),
                    a == null ? null : a.cue(), a == null ? null : a.method()));
            previousSpeaker = a == null ? null : a.speaker();
            int nl = text.indexOf('\n', s.end());
            previousParagraphEnd = nl < 0 ? text.length() : nl;
        }
        return document.withQuotes(quotes);
    }

    /** A quoted stretch: {@code parts} are [start, end) ranges inside the marks; {@code open} is the first mark. */
    record Span(int open, int close, List<int[]> parts) {
        int start() {
            return parts.get(0)[0];
        }

        int end() {
            return parts.get(parts.size() - 1)[1];
        }

        String text(String body) {
            StringBuilder b = new StringBuilder();
            for (int[] p : parts) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append(body, p[0], p[1]);
            }
            return b.toString().strip();
        }
    }

    private record Attribution(Entity speaker, String cue, String method) {
    }

    /** Joins a quote split by a short attribution, and a quote continued across a paragraph break. */
    private static List<Span> merge(String text, List<Span> found) {
        List<Span> out = new ArrayList<>();
        for (Span s : found) {
            if (!out.isEmpty()) {
                Span prev = out.get(out.size() - 1);
                boolean continued = (prev.close() >= text.length() || text.charAt(prev.close()) == '\n')
                        && text.substring(prev.close(), s.open()).isBlank();
                String gap = continued ? "" : text.substring(Math.min(s.open(), prev.close() + 1), s.open());
                boolean split = !gap.contains("\n") && gap.length() < 80 && VERB_IN_GAP.matcher(gap).find()
                        && text.substring(prev.start(), prev.end()).stripTrailing().endsWith(",")
                        && gap.strip().endsWith(",");
                if (continued || split) {
                    List<int[]> parts = new ArrayList<>(prev.parts());
                    parts.addAll(s.parts());
                    out.set(out.size() - 1, new Span(prev.open(), s.close(), parts));
                    continue;
                }
            }
            out.add(s);
        }
        return out;
    }

    private static Attribution attribute(String text, Span s, List<Located> mentions) {
        int firstClose = s.parts().get(0)[1];
        boolean splitInLine = s.parts().size() > 1 && text.indexOf('\n', firstClose) > s.parts().get(1)[0]
                || s.parts().size() > 1 && text.indexOf('\n', firstClose) < 0;
        int afterStart = Math.min(text.length(), (splitInLine ? firstClose : s.close()) + 1);
        int lineEnd = text.indexOf('\n', afterStart);
        String after = text.substring(afterStart, lineEnd < 0 ? text.length() : lineEnd);
        if (SENTENCE_CLOSED.matcher(after).find() || closedAfterColon(text, s)) {
            after = "";
        }
        Matcher nextSentence = NEXT_SENTENCE.matcher(after);
        if (nextSentence.find()) {
            after = after.substring(0, nextSentence.start() + 1);
        }
        Matcher verbFirst = AFTER_VERB_FIRST.matcher(after);
        if (verbFirst.find()) {
            Located who = firstMentionIn(mentions, afterStart + verbFirst.start(1), afterStart + verbFirst.end(1));
            if (who != null && leadsWith(text, afterStart + verbFirst.start(1), who.start())) {
                return new Attribution(who.entity(), cue(after, verbFirst.start(), verbFirst.start(1)), "quote.after.verb-name");
            }
        }
        Matcher according = ACCORDING_AFTER.matcher(after);
        if (according.find()) {
            int from = afterStart + according.end();
            int to = afterStart + after.length();
            Located source = mentions.stream().filter(m -> m.start() >= from && m.end() <= to).findFirst().orElse(null);
            if (source != null && text.substring(from, source.start()).matches(
                    "(?i)\\s*(?:the\\s+)?(?:[\\p{L}'’]+\\s+){0,3}?")) {
                return new Attribution(source.entity(), "according to", "quote.after.according-to");
            }
        }
        Matcher speakerFirst = AFTER_SPEAKER_FIRST.matcher(after);
        if (speakerFirst.find() && !NEW_CLAUSE.matcher(speakerFirst.group(1)).lookingAt()) {
            String who = speakerFirst.group(1);
            int whoStart = afterStart + speakerFirst.start(1);
            Located named = firstMentionIn(mentions, whoStart, afterStart + speakerFirst.end(1));
            if (named != null) {
                return new Attribution(named.entity(), cue(after, speakerFirst.end(1), speakerFirst.end()), "quote.after.name-verb");
            }
            if (PRONOUN.matcher(who).find()) {
                Located person = pronounReferent(text, mentions, s.open());
                if (person != null) {
                    return new Attribution(person.entity(), cue(after, speakerFirst.end(1), speakerFirst.end()), "quote.after.pronoun-verb");
                }
            }
            if (BODY_REFERENCE.matcher(who).matches()) {
                Located body = lastOrganisationBefore(text, mentions, s.open());
                if (body != null) {
                    return new Attribution(body.entity(), cue(after, speakerFirst.end(1), speakerFirst.end()), "quote.after.body-reference");
                }
            }
        }
        int sentenceStart = sentenceStart(text, s.open());
        String before = text.substring(sentenceStart, s.open());
        Matcher b = BEFORE.matcher(before);
        if (b.find()) {
            Located after2 = firstMentionIn(mentions, sentenceStart + b.start(), s.open());
            if (before.substring(b.start()).startsWith("according to") && after2 != null) {
                return new Attribution(after2.entity(), "according to", "quote.before.according-to");
            }
            String cueText = before.substring(b.start()).strip();
            if (PARTICIPLE.matcher(cueText).find()) {
                Attribution subject = sentenceSubject(text, s, mentions);
                if (subject != null) {
                    return new Attribution(subject.speaker(), cueText.replaceAll("[:,]$", ""), "quote.before.participle-subject");
                }
            }
            int verbAt = sentenceStart + b.start();
            int clauseStart = sentenceStart;
            Matcher brk = CLAUSE_BREAK.matcher(text.substring(sentenceStart, verbAt));
            while (brk.find()) {
                clauseStart = sentenceStart + brk.end();
            }
            Located adjacent = lastMentionIn(mentions, clauseStart, verbAt);
            Located who = adjacent != null && text.substring(adjacent.end(), verbAt).isBlank() ? adjacent
                    : subjectIn(text, mentions, clauseStart, verbAt);
            if (who != null) {
                return new Attribution(who.entity(), before.substring(b.start()).strip().replaceAll("[:,]$", ""), "quote.before.name-verb");
            }
            if (PRONOUN.matcher(before.strip()).find()) {
                Located person = pronounReferent(text, mentions, sentenceStart);
                if (person != null) {
                    return new Attribution(person.entity(), before.substring(b.start()).strip(), "quote.before.pronoun-verb");
                }
            }
        }
        return null;
    }

    /**
     * "“…,” it said", "the party said": the organisation named last before the quote, in its sentence or the one
     * before, or null.
     */
    private static Located lastOrganisationBefore(String text, List<Located> mentions, int offset) {
        int from = sentenceStart(text, Math.max(0, sentenceStart(text, offset) - 1));
        Located last = null;
        for (Located m : mentions) {
            if (m.entity().type() == EntityType.ORGANIZATION && m.start() >= from && m.end() <= offset) {
                last = m;
            }
        }
        return last;
    }

    /**
     * A quote introduced by a colon that ends its own sentence ("X said after the meeting: “… one.” France's Y told
     * …"): what follows is the next sentence, not an attribution.
     */
    private static boolean closedAfterColon(String text, Span s) {
        String quoted = text.substring(s.start(), s.end()).strip();
        return !quoted.isEmpty() && ".!?".indexOf(quoted.charAt(quoted.length() - 1)) >= 0
                && text.substring(sentenceStart(text, s.open()), s.open()).strip().endsWith(":");
    }

    /** For a quote inside reported speech ("X condemned the move as "…""), the person or body the sentence is about. */
    private static Attribution sentenceSubject(String text, Span s, List<Located> mentions) {
        int sentenceStart = sentenceStart(text, s.open());
        String sentence = text.substring(sentenceStart, s.open());
        Matcher verb = ANY_VERB.matcher(sentence);
        int limit = verb.find() ? sentenceStart + verb.start() : s.open();
        int clauseStart = sentenceStart;
        Matcher brk = CLAUSE_BREAK.matcher(text.substring(sentenceStart, limit));
        while (brk.find()) {
            clauseStart = sentenceStart + brk.end();
        }
        if (PRONOUN.matcher(text.substring(clauseStart, limit).strip()).find()) {
            Located person = pronounReferent(text, mentions, sentenceStart);
            if (person != null) {
                return new Attribution(person.entity(), null, "quote.sentence-subject");
            }
        }
        Located adjacent = lastMentionIn(mentions, clauseStart, limit);
        if (adjacent != null && limit < s.open()
                && ADVERBIAL_GAP.matcher(text.substring(adjacent.end(), limit)).matches()
                && !BodyMentions.possessive(text, adjacent)) {
            return new Attribution(adjacent.entity(), null, "quote.sentence-subject");
        }
        Located first = subjectIn(text, mentions, clauseStart, limit);
        if (first != null) {
            return new Attribution(first.entity(), null, "quote.sentence-subject");
        }
        if (Pattern.compile("(?:^|[\\s,])(?:he|she|He|She)\\s").matcher(text.substring(clauseStart, limit)).find()) {
            Located person = pronounReferent(text, mentions, sentenceStart);
            return person == null ? null : new Attribution(person.entity(), null, "quote.sentence-subject");
        }
        return null;
    }

    /**
     * The subject-like mention of [from, to): the first mention, except that an organisation immediately followed
     * by a titled person ("NATO Secretary General Mark Rutte") yields the person.
     */
    private static Located subjectIn(String text, List<Located> mentions, int from, int to) {
        Located first = null;
        for (Located m : mentions) {
            if (m.start() >= from && m.end() <= to && !BodyMentions.possessive(text, m)) {
                if (first == null) {
                    first = m;
                } else if (first.entity().type() != EntityType.PERSON && m.entity().type() == EntityType.PERSON
                        && m.start() - first.end() < 40) {
                    return m;
                } else {
                    break;
                }
            }
        }
        return first;
    }

    private static boolean leadsWith(String text, int from, int mentionStart) {
        String between = text.substring(from, mentionStart).strip();
        return between.isEmpty() || between.matches("(?i)(the|reporters|journalists|[a-z]+ly|on \\p{L}+|in \\p{L}+)?")
                || ROLE_BEFORE_NAME.matcher(between).matches();
    }

    /** "said its founder Mark van Baal", "said the group's chief executive, X": a role, then the speaker. */
    private static final Pattern ROLE_BEFORE_NAME = Pattern.compile("(?:(?:the|its|their|his|her|a|an|[\\p{L}]+['’]s)"
            + "\\s+){0,2}(?:(?:senior|deputy|chief|executive|general|former|acting|managing|vice|co-)\\s*)*(?:founder|"
            + "co-founder|director|chief|executive|spokesman|spokeswoman|spokesperson|president|chairman|chairwoman|"
            + "chair|head|leader|minister|secretary|official|analyst|economist|professor|adviser|advisor|manager|"
            + "editor|ambassador|envoy|commander|lawyer|attorney|researcher|campaigner|owner|partner|ceo|cfo)"
            + "\\s*,?");

    private static String cue(String after, int from, int to) {
        String c = after.substring(Math.max(0, from), Math.min(after.length(), to)).replaceAll("^[\\s,.!?…]+", "")
                .strip();
        return c.isEmpty() ? null : c;
    }

    /** The first person mentioned in [from, to), else the first organisation ("NATO chief Mark Rutte" is Rutte). */
    private static Located firstMentionIn(List<Located> mentions, int from, int to) {
        Located firstOrg = null;
        for (Located m : mentions) {
            if (m.start() >= from && m.end() <= to) {
                if (m.entity().type() == EntityType.PERSON) {
                    return m;
                }
                if (firstOrg == null) {
                    firstOrg = m;
                }
            }
        }
        return firstOrg;
    }

    /** The last person mentioned in [from, to), else the last organisation. */
    private static Located lastMentionIn(List<Located> mentions, int from, int to) {
        Located lastPerson = null;
        Located lastOrg = null;
        for (Located m : mentions) {
            if (m.start() >= from && m.end() <= to) {
                if (m.entity().type() == EntityType.PERSON) {
                    lastPerson = m;
                } else {
                    lastOrg = m;
                }
            }
        }
        return lastPerson != null ? lastPerson : lastOrg;
    }

    /** Start of the sentence holding {@code offset}: after a line break, or after . ! ? (and closing quotes) + space. */
    private static int sentenceStart(String text, int offset) {
        int i = offset - 1;
        while (i > 0) {
            char c = text.charAt(i);
            if (c == '\n') {
                return i + 1;
            }
            if (c == '.' || c == '!' || c == '?') {
                int j = i + 1;
                while (j < offset && "”\"’'".indexOf(text.charAt(j)) >= 0) {
                    j++;
                }
                if (j < text.length() && j < offset && Character.isWhitespace(text.charAt(j))) {
                    return j + 1;
                }
            }
            i--;
        }
        return 0;
    }

    private static boolean opensParagraph(String text, int open) {
        int nl = text.lastIndexOf('\n', open - 1);
        return text.substring(nl + 1, open).isBlank();
    }

    private static int words(String s) {
        String t = s.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    private static Located pronounReferent(String text, List<Located> mentions, int offset) {
        return BodyMentions.pronounReferent(text, mentions, offset, o -> sentenceStart(text, o));
    }
}
