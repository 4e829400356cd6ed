package io.newsflow.enrich.quote;

import io.newsflow.enrich.BodyMentions;
import io.newsflow.enrich.BodyMentions.Located;
import io.newsflow.enrich.Document.EntityType;
import io.newsflow.enrich.text.Sentence;
import io.newsflow.enrich.text.Token;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The quote-attribution rules, in the order they are tried ({@link #DEFAULT}). Each rule is a small static method
 * over a {@link QuoteContext}; the first rule that finds a speaker wins and its name is the quote's {@code method}.
 * Rules about the text after the quote come first (the attribution of news quotes mostly follows them), then the
 * text before it in its sentence, then the discourse (the previous speaker, the subject of the sentence). Stateless
 * and thread-safe.
 */
public final class AttributionRules {

    /** "“…,” said X", "“…,” said its founder X". */
    public static final String AFTER_VERB_NAME = "quote.after.verb-name";
    /** "… “…” talks, according to X". */
    public static final String AFTER_ACCORDING_TO = "quote.after.according-to";
    /** "“…,” X said". */
    public static final String AFTER_NAME_VERB = "quote.after.name-verb";
    /** "“…,” he said": the person the pronoun refers to. */
    public static final String AFTER_PRONOUN_VERB = "quote.after.pronoun-verb";
    /** "“…,” the ministry said": the organisation named last before. */
    public static final String AFTER_BODY_REFERENCE = "quote.after.body-reference";
    /** "… a “…” deficit, warned X.", "…, “…”, to settle it, said X": the last clause of the sentence after the quote. */
    public static final String AFTER_LATE_ATTRIBUTION = "quote.after.late-attribution";
    /** "X said the talks had failed. ¶ “…”": a quote opening its sentence takes the subject of the sentence before. */
    public static final String PREVIOUS_SENTENCE_SUBJECT = "quote.previous-sentence-subject";
    /** "“…,” the press service quoted him as saying": the person quoted. */
    public static final String AFTER_QUOTED_AS_SAYING = "quote.after.quoted-as-saying";
    /** "According to X, “…”". */
    public static final String BEFORE_ACCORDING_TO = "quote.before.according-to";
    /** "X posted a picture, writing: “…”": the subject of the sentence. */
    public static final String BEFORE_PARTICIPLE_SUBJECT = "quote.before.participle-subject";
    /** "X said: “…”", "X said the plan was “…”". */
    public static final String BEFORE_NAME_VERB = "quote.before.name-verb";
    /** "He said: “…”". */
    public static final String BEFORE_PRONOUN_VERB = "quote.before.pronoun-verb";
    /** "“…,” the veteran diplomat said": a description of a person named before, resolved like "he". */
    public static final String AFTER_DESCRIPTION_VERB = "quote.after.description-verb";
    /** "The French politician said: “…”": a description of a person named before, resolved like "she". */
    public static final String BEFORE_DESCRIPTION_VERB = "quote.before.description-verb";
    /** A quote without attribution that continues the previous quote's speaker. */
    public static final String CONTINUES_PREVIOUS = "quote.continues-previous";
    /** "X praised the “…”": the subject of the sentence around the quote. */
    public static final String SENTENCE_SUBJECT = "quote.sentence-subject";

    /** The default rules, in order. */
    public static final List<AttributionRule> DEFAULT = List.of(
            AttributionRule.of(AFTER_VERB_NAME, AttributionRules::afterVerbName),
            AttributionRule.of(AFTER_ACCORDING_TO, AttributionRules::afterAccordingTo),
            AttributionRule.of(AFTER_NAME_VERB, AttributionRules::afterNameVerb),
            AttributionRule.of(AFTER_PRONOUN_VERB, AttributionRules::afterPronounVerb),
            AttributionRule.of(AFTER_BODY_REFERENCE, AttributionRules::afterBodyReference),
            AttributionRule.of(AFTER_DESCRIPTION_VERB, AttributionRules::afterDescriptionVerb),
            AttributionRule.of(AFTER_LATE_ATTRIBUTION, AttributionRules::afterLateAttribution),
            AttributionRule.of(AFTER_QUOTED_AS_SAYING, AttributionRules::afterQuotedAsSaying),
            AttributionRule.of(BEFORE_ACCORDING_TO, AttributionRules::beforeAccordingTo),
            AttributionRule.of(BEFORE_PARTICIPLE_SUBJECT, AttributionRules::beforeParticipleSubject),
            AttributionRule.of(BEFORE_NAME_VERB, AttributionRules::beforeNameVerb),
            AttributionRule.of(BEFORE_PRONOUN_VERB, AttributionRules::beforePronounVerb),
            AttributionRule.of(BEFORE_DESCRIPTION_VERB, AttributionRules::beforeDescriptionVerb),
            AttributionRule.of(CONTINUES_PREVIOUS, AttributionRules::continuesPrevious),
            AttributionRule.of(PREVIOUS_SENTENCE_SUBJECT, AttributionRules::previousSentenceSubject),
            AttributionRule.of(SENTENCE_SUBJECT, AttributionRules::sentenceSubjectRule));

    private static final String AFTER_PUNCT = ",.!?…";
    private static final Pattern ACCORDING_AFTER = Pattern.compile(
            "^[”\"’']?[^.!?“”\"\\n]{0,160}?\\baccording to\\s+");
    private static final Pattern ACCORDING_LEAD = Pattern.compile("(?i)\\s*(?:the\\s+)?(?:[\\p{L}'’]+\\s+){0,3}?");
    private static final Pattern PRONOUN = Pattern.compile("^(?:(?:But|And|Yet|So|but|and)\\s+)?(?:he|she|He|She)\\b");
    private static final Pattern PRONOUN_ONLY = Pattern.compile("(?:he|she|He|She)");
    private static final Pattern ANY_PRONOUN = Pattern.compile("(?:^|[\\s,])(?:he|she|He|She)\\s");
    /** A body referred to by "it" or a generic noun ("the party", "the ministry"). */
    private static final Pattern BODY_REFERENCE = Pattern.compile("(?:it|It|[Tt]he\\s+(?:party|company|ministry|"
            + "government|agency|group|bank|organi[sz]ation|alliance|union|commission|council|movement|firm|"
            + "committee|department|office|court|central bank))");
    /** A clause after a quote that has its own subject: ", while Marine Le Pen said …". */
    private static final Pattern NEW_CLAUSE = Pattern.compile("(?:while|whereas|but|and|although|though|as|when|"
            + "because|after|before|since)\\b", Pattern.CASE_INSENSITIVE);
    /** "… should go but Y said": a clause break inside the words before the verb. */
    private static final Pattern INNER_CLAUSE = Pattern.compile("\\s(?:but|while|whereas|and)\\s|;");
    /** A past participle and "by" right before a name: "described by", "dismissed by the". */
    private static final Pattern PASSIVE_AGENT = Pattern.compile("\\b\\p{Ll}+(?:ed|en)\\s+by\\s+(?:the\\s+)?$");
    /** From a passive agent to the quote: at most a short phrase ending in "as" ("as", "on Monday as"). */
    private static final Pattern AGENT_TO_QUOTE = Pattern.compile("(?:,?\\s+[\\p{L}\\d]+){0,3}?\\s+as\\s*");
    /** A subordinator that may open a sentence before a participle ("When asked …"). */
    private static final Pattern OPENING_SUBORDINATOR = Pattern.compile("(?i)(?:when|while|after|before|once|if|though|"
            + "although)");
    /** An opening adverbial phrase before the subject ("Standing next to X, Y said"; "Following the talks, …"). */
    private static final Pattern OPENER_WORD = Pattern.compile("(?i)(?:after|following|before|during|speaking|"
            + "referring|asked|responding|in|at|on|with|despite|unlike|like|as)");
    /** Between a name and its verb: nothing, or a relative pronoun ("X, who acknowledged …"). */
    private static final Pattern RELATIVE_GAP = Pattern.compile("\\s*(?:,\\s*who\\s+(?:\\p{Ll}+ly\\s+|also\\s+)?)?");
    /** A speech verb coordinated with the one before, its subject left out ("… but said", "and added"). */
    private static final Pattern ELIDED_SUBJECT = Pattern.compile("[”\"’]?,?\\s+(?:and|but)\\s+(?:\\p{Ll}+ly\\s+|also\\s+)?$");
    /** "“…,” the agency quoted him as saying": the person quoted. */
    private static final Pattern QUOTED_AS_SAYING = Pattern.compile("\\bquoted\\s+(.{1,60}?)\\s+as\\s+saying\\b");
    /** A definite description: "the", up to three modifiers, then the head noun (group 1). */
    private static final Pattern DESCRIPTION = Pattern.compile("(?:[Tt]he)\\s+(?:[\\p{L}\\d'’-]+\\s+){0,3}?(\\p{Ll}+)");
    /** A coordinating word or a semicolon that may start a new clause with its own subject. */
    private static final Pattern CLAUSE_JOIN = Pattern.compile("\\s(?:and|but|while|whereas)\\s+\\p{Lu}|;");
    private static final Pattern CLAUSE_BREAK = Pattern.compile(", while |; |, but | while | whereas ");
    /** Between a name and its verb: nothing, or an adverb ("Guterres later described", "X on Tuesday said"). */
    private static final Pattern ADVERBIAL_GAP = Pattern.compile("\\s*(?:\\p{Ll}+ly\\s+|also\\s+|later\\s+|"
            + "then\\s+)?");
    private static final Pattern LEAD_WORDS = Pattern.compile(
            "(?i)(the|reporters|journalists|[a-z]+ly|on \\p{L}+|in \\p{L}+)?");
    /** "said Senator X", "said U.S. Secretary of State X": a capitalised title, then the speaker. */
    private static final Pattern TITLE_BEFORE_NAME = Pattern.compile("(?:(?:the|its|their)\\s+)?\\p{Lu}[\\p{L}.’'-]*"
            + "(?:\\s+(?:of\\s+(?:the\\s+)?)?\\p{Lu}[\\p{L}.’'-]*){0,4}");
    /** "said its founder Mark van Baal", "said the group's chief executive, X": a role, then the speaker. */
    private static final Pattern ROLE_BEFORE_NAME = Pattern.compile("(?:(?:the|its|their|his|her|a|an|[\\p{L}]+['’]s)"
            + "\\s+){0,2}(?:(?:senior|deputy|chief|executive|general|former|acting|managing|vice|co-)\\s*)*(?:founder|"
            + "co-founder|director|chief|executive|spokesman|spokeswoman|spokesperson|president|chairman|chairwoman|"
            + "chair|head|leader|minister|secretary|official|analyst|economist|professor|adviser|advisor|manager|"
            + "editor|ambassador|envoy|commander|lawyer|attorney|researcher|campaigner|owner|partner|ceo|cfo)"
            + "\\s*,?");
    private static final Pattern TRAILING_COLON = Pattern.compile("\\s*[:,]?\\s*$");
    private static final String QUOTE_CHARS = "“”\"‘";

    private AttributionRules() {
    }

    // ---- matches shared by several rules -------------------------------------------------------------------------

    /** "said X …" right after the quote: the verb token and the 80 characters after it. */
    private record VerbFirst(int verb, int from, int to) {
    }

    /** "X said" right after the quote: the words before the verb [whoStart, whoEnd) and the verb token. */
    private record SpeakerVerb(int whoStart, int whoEnd, int verb, String who) {
    }

    /** A speech verb or "according to" before the quote in its sentence, at most 60 characters before the mark. */
    private record BeforeCue(int sentenceStart, int cueStart, boolean according, String cue) {
    }

    private static int afterEnd(QuoteContext c) {
        return c.afterStart() + c.after().length();
    }

    /** The first token of the window after the quote, past one punctuation mark; -1 when the window is empty. */
    private static int afterFirstToken(QuoteContext c) {
        if (c.after().isBlank()) {
            return -1;
        }
        int end = afterEnd(c);
        int i = c.tokenFrom(c.afterStart());
        int n = c.layer().tokens().size();
        if (i < n && c.token(i).end() <= end && c.token(i).text().length() == 1
                && AFTER_PUNCT.indexOf(c.token(i).text().charAt(0)) >= 0) {
            i++;
        }
        return i < n && c.token(i).end() <= end ? i : -1;
    }

    private static VerbFirst verbFirst(QuoteContext c) {
        int i = afterFirstToken(c);
        if (i < 0 || !c.verbs().isSpeech(c.layer(), i) || participle(c, i)
                || c.verbs().takesAddressee(c.layer(), i)) {
            return null;
        }
        int from = c.token(i).end();
        while (from < afterEnd(c) && Character.isWhitespace(c.text().charAt(from))) {
            from++;
        }
        return new VerbFirst(i, from, Math.min(afterEnd(c), from + 80));
    }

    private static SpeakerVerb speakerVerb(QuoteContext c) {
        int i = afterFirstToken(c);
        if (i < 0) {
            return null;
        }
        int whoStart = c.token(i).start();
        int end = afterEnd(c);
        for (int j = i + 1; j < c.layer().tokens().size(); j++) {
            Token t = c.token(j);
            if (t.end() > end || t.start() - whoStart > 81) {
                return null;
            }
            if (c.verbs().isSpeech(c.layer(), j) && Character.isWhitespace(c.text().charAt(t.start() - 1))
                    && !participle(c, j)) {
                String who = c.text().substring(whoStart, t.start()).strip();
                if (NEW_CLAUSE.matcher(who).lookingAt() || INNER_CLAUSE.matcher(who).find()) {
                    return null;
                }
                return new SpeakerVerb(whoStart, whoStart + who.length(), j, who);
            }
        }
        return null;
    }

    private static BeforeCue beforeCue(QuoteContext c) {
        int open = c.span().open();
        int start = cueSentenceStart(c, open);
        String text = c.text();
        for (int i = c.tokenFrom(start); i < c.layer().tokens().size() && c.token(i).end() <= open; i++) {
            Token t = c.token(i);
            boolean according = t.text().toLowerCase(Locale.ROOT).equals("according")
                    && i + 1 < c.layer().tokens().size() && c.token(i + 1).text().equalsIgnoreCase("to");
            if (!according && !c.verbs().isSpeech(c.layer(), i) || !according && openingParticiple(c, start, i, open)) {
                continue;
            }
            int cueEnd = according ? c.token(i + 1).end() : t.end();
            if (cueEnd > open) {
                continue;
            }
            String tail = TRAILING_COLON.matcher(text.substring(cueEnd, open)).replaceFirst("");
            if (tail.length() <= 60 && tail.chars().noneMatch(ch -> QUOTE_CHARS.indexOf(ch) >= 0)) {
                BeforeCue cue = new BeforeCue(start, t.start(), according, text.substring(t.start(), open).strip());
                // "… Canada announced new tariffs and China vowed “…”": a later cue of its own clause is closer
                BeforeCue closer = CLAUSE_JOIN.matcher(tail).find() ? laterCue(c, i + 1, open, start) : null;
                return closer != null ? closer : cue;
            }
        }
        return null;
    }

    /**
     * Start of the sentence that may introduce the quote opening at {@code open}: its own, or, when the quote opens
     * its sentence right after a colon ("In a post, he wrote:¶“…”"), the sentence that the colon ends.
     */
    private static int cueSentenceStart(QuoteContext c, int open) {
        int start = c.sentenceStart(open);
        if (!c.text().substring(start, open).isBlank()) {
            return start;
        }
        int k = start - 1;
        while (k >= 0 && Character.isWhitespace(c.text().charAt(k))) {
            k--;
        }
        return k >= 0 && c.text().charAt(k) == ':' ? c.sentenceStart(k) : start;
    }

    /**
     * "Asked about the plan, X said: …", "When asked whether …, X said …": a speech participle opening the sentence
     * (after nothing or a subordinator) and closed by a comma before the quote is no cue; the verb after it is.
     */
    private static boolean openingParticiple(QuoteContext c, int sentenceStart, int i, int open) {
        String pos = c.layer().pos(i);
        if (!pos.equals("VBN") && !pos.equals("VBG")) {
            return false;
        }
        String before = c.text().substring(sentenceStart, c.token(i).start()).strip();
        int comma = c.text().indexOf(',', c.token(i).end());
        return (before.isEmpty() || OPENING_SUBORDINATOR.matcher(before).matches()) && comma > 0 && comma < open;
    }

    /** "… and China vowed": a speech verb after a coordinating word, with its own subject in between. */
    private static BeforeCue laterCue(QuoteContext c, int from, int open, int sentenceStart) {
        for (int i = from; i < c.layer().tokens().size() && c.token(i).end() <= open; i++) {
            if (c.verbs().isSpeech(c.layer(), i) && !participle(c, i)
                    && CLAUSE_JOIN.matcher(c.text().substring(c.token(from).start(), c.token(i).start())).find()) {
                return new BeforeCue(sentenceStart, c.token(i).start(), false,
                        c.text().substring(c.token(i).start(), open).strip());
            }
        }
        return null;
    }

    /**
     * A verb in -ing after a quote opens a new phrase ("…,” insisting the EU …", "with X saying …"): it never
     * attributes the quote before it.
     */
    private static boolean participle(QuoteContext c, int i) {
        return c.token(i).text().toLowerCase(Locale.ROOT).endsWith("ing") || c.layer().pos(i).equals("VBG");
    }

    private static Optional<Attribution> found(Located who, String cue) {
        return who == null ? Optional.empty() : Optional.of(new Attribution(who.entity(), cue));
    }

    private static String dropTrailingPunct(String cue) {
        return cue.replaceAll("[:,]$", "");
    }

    // ---- the rules ---------------------------------------------------------------------------------------------

    static Optional<Attribution> afterVerbName(QuoteContext c) {
        VerbFirst v = verbFirst(c);
        if (v == null) {
            return Optional.empty();
        }
        Located who = c.firstMentionIn(v.from(), v.to());
        if (who == null || !leadsWith(c.text(), v.from(), who.start())) {
            return Optional.empty();
        }
        return found(who, c.token(v.verb()).text());
    }

    static Optional<Attribution> afterAccordingTo(QuoteContext c) {
        Matcher according = ACCORDING_AFTER.matcher(c.after());
        if (!according.find()) {
            return Optional.empty();
        }
        int from = c.afterStart() + according.end();
        int to = afterEnd(c);
        Located source = c.mentions().stream().filter(m -> m.start() >= from && m.end() <= to).findFirst()
                .orElse(null);
        if (source == null || !ACCORDING_LEAD.matcher(c.text().substring(from, source.start())).matches()) {
            return Optional.empty();
        }
        return found(source, "according to");
    }

    static Optional<Attribution> afterNameVerb(QuoteContext c) {
        SpeakerVerb s = speakerVerb(c);
        return s == null ? Optional.empty()
                : found(c.firstMentionIn(s.whoStart(), s.whoEnd()), c.token(s.verb()).text());
    }

    static Optional<Attribution> afterPronounVerb(QuoteContext c) {
        SpeakerVerb s = speakerVerb(c);
        if (s == null || !PRONOUN.matcher(s.who()).find()) {
            return Optional.empty();
        }
        if (c.nextParagraph() && c.previousSpeaker() != null && c.previousSpeaker().type() == EntityType.PERSON) {
            // "“…,” the office quoted him as saying, with A and B present. ¶ “…,” he stressed.": the pronoun
            // opening the next paragraph's attribution continues the person just quoted, not the others named
            return Optional.of(new Attribution(c.previousSpeaker(), c.token(s.verb()).text()));
        }
        return found(c.pronounReferent(c.span().open()), c.token(s.verb()).text());
    }

    static Optional<Attribution> afterBodyReference(QuoteContext c) {
        SpeakerVerb s = speakerVerb(c);
        if (s == null || !BODY_REFERENCE.matcher(s.who()).matches()) {
            return Optional.empty();
        }
        return found(c.lastOrganisationBefore(c.span().open()), c.token(s.verb()).text());
    }

    static Optional<Attribution> afterLateAttribution(QuoteContext c) {
        if (c.after().isBlank()) {
            return Optional.empty();
        }
        int end = afterEnd(c);
        int lastComma = c.afterStart();
        for (int j = c.tokenFrom(c.afterStart()); j < c.layer().tokens().size() && c.token(j).end() <= end; j++) {
            Token t = c.token(j);
            if (t.text().equals(",")) {
                lastComma = t.end();
                continue;
            }
            if (!c.verbs().isSpeech(c.layer(), j) || participle(c, j)) {
                continue;
            }
            String seg = c.text().substring(lastComma, t.start()).strip();
            if (NEW_CLAUSE.matcher(seg).lookingAt()) {
                continue;
            }
            if (seg.isEmpty()) {
                if (c.verbs().takesAddressee(c.layer(), j)) {
                    continue;  // "…, told Reuters": who was told, not who spoke
                }
                int from = t.end();
                Located who = c.firstMentionIn(from, Math.min(end, from + 80));
                if (who != null && leadsWith(c.text(), from, who.start())) {
                    return found(who, t.text());
                }
            } else if (PRONOUN_ONLY.matcher(seg).matches()) {
                return found(c.pronounReferent(c.span().open()), t.text());
            } else {
                Located who = c.lastMentionIn(lastComma, t.start());
                if (who != null && c.text().substring(who.end(), t.start()).isBlank()
                        && c.text().substring(lastComma, who.start()).strip().split("\\s+").length <= 4) {
                    return found(who, t.text());
                }
            }
        }
        return Optional.empty();
    }

    static Optional<Attribution> afterQuotedAsSaying(QuoteContext c) {
        Matcher m = QUOTED_AS_SAYING.matcher(c.after());
        if (!m.find()) {
            return Optional.empty();
        }
        String who = m.group(1).strip();
        if (who.matches("(?i)him|her")) {
            return found(c.pronounReferent(c.span().open()), "quoted as saying");
        }
        return found(c.firstMentionIn(c.afterStart() + m.start(1), c.afterStart() + m.end(1)), "quoted as saying");
    }

    static Optional<Attribution> previousSentenceSubject(QuoteContext c) {
        int open = c.span().open();
        int sentenceStart = c.sentenceStart(open);
        if (!c.text().substring(sentenceStart, open).isBlank()) {
            return Optional.empty();
        }
        Sentence here = c.sentenceOf(open);
        if (here == null || here.index() == 0) {
            return Optional.empty();
        }
        Sentence prev = c.layer().sentences().get(here.index() - 1);
        if (prev.paragraph() < here.paragraph() - 1 || c.layer().quoteAt(prev.start()) != null) {
            return Optional.empty();
        }
        // "…, Ms X said." closing the sentence before: X is speaking
        for (int j = prev.endToken() - 1; j >= prev.firstToken() && j >= prev.endToken() - 4; j--) {
            if (c.verbs().isSpeech(c.layer(), j) && !participle(c, j)) {
                Located named = c.lastMentionIn(prev.start(), c.token(j).start());
                if (named != null && c.text().substring(named.end(), c.token(j).start()).isBlank()) {
                    return found(named, null);
                }
            }
        }
        int from = openerEnd(c, prev.start(), prev.end());
        Located who = c.subjectIn(from, prev.end());
        if (who == null || who.entity().type() != EntityType.PERSON || who.start() - from > 40) {
            return Optional.empty();
        }
        return found(who, null);
    }

    static Optional<Attribution> beforeAccordingTo(QuoteContext c) {
        BeforeCue b = beforeCue(c);
        if (b == null || !b.according()) {
            return Optional.empty();
        }
        return found(c.firstMentionIn(b.cueStart(), c.span().open()), "according to");
    }

    static Optional<Attribution> beforeParticipleSubject(QuoteContext c) {
        BeforeCue b = beforeCue(c);
        if (b == null || b.according()) {
            return Optional.empty();
        }
        String verb = c.token(c.tokenFrom(b.cueStart())).text().toLowerCase(Locale.ROOT);
        if (!verb.endsWith("ing")) {
            return Optional.empty();
        }
        Located subject = sentenceSubject(c);
        return subject == null ? Optional.empty()
                : Optional.of(new Attribution(subject.entity(), dropTrailingPunct(b.cue())));
    }

    static Optional<Attribution> beforeNameVerb(QuoteContext c) {
        BeforeCue b = beforeCue(c);
        if (b == null) {
            return Optional.empty();
        }
        int verbAt = b.cueStart();
        int clauseStart = clauseStart(c, b.sentenceStart(), verbAt);
        Located adjacent = c.lastMentionIn(clauseStart, verbAt);
        String lead = c.text().substring(b.sentenceStart(), verbAt);
        if (c.previousSpeaker() != null && c.sameParagraph() && ELIDED_SUBJECT.matcher(lead).find()
                && lead.chars().anyMatch(ch -> QUOTE_CHARS.indexOf(ch) >= 0)) {
            // "… who acknowledged “…” but said “…”": the verb shares the subject of the quote before
            return Optional.of(new Attribution(c.previousSpeaker(), dropTrailingPunct(b.cue())));
        }
        Located who = adjacent != null && !c.modifyingPlace(adjacent)
                && RELATIVE_GAP.matcher(c.text().substring(adjacent.end(), verbAt)).matches()
                ? adjacent : c.subjectIn(clauseStart, verbAt);
        if (who == null) {
            // "China vowed “…”": a country or capital right before the verb speaks for its government
            who = c.placeRightBefore(clauseStart, verbAt);
        }
        return found(who, dropTrailingPunct(b.cue()));
    }

    static Optional<Attribution> beforePronounVerb(QuoteContext c) {
        BeforeCue b = beforeCue(c);
        if (b == null || !PRONOUN.matcher(c.text().substring(openerEnd(c, b.sentenceStart(), b.cueStart()),
                c.span().open()).strip()).find()) {
            return Optional.empty();
        }
        return found(c.pronounReferent(b.sentenceStart()), b.cue());
    }

    static Optional<Attribution> afterDescriptionVerb(QuoteContext c) {
        SpeakerVerb s = speakerVerb(c);
        if (s == null || !describesPerson(c, s.who()) || c.firstMentionIn(s.whoStart(), s.whoEnd()) != null) {
            return Optional.empty();
        }
        return found(c.pronounReferent(c.span().open()), c.token(s.verb()).text());
    }

    static Optional<Attribution> beforeDescriptionVerb(QuoteContext c) {
        BeforeCue b = beforeCue(c);
        if (b == null || b.according()) {
            return Optional.empty();
        }
        int clauseStart = clauseStart(c, b.sentenceStart(), b.cueStart());
        if (!describesPerson(c, c.text().substring(clauseStart, b.cueStart()).strip())
                || c.firstMentionIn(clauseStart, b.cueStart()) != null) {
            return Optional.empty();
        }
        return found(c.pronounReferent(b.sentenceStart()), dropTrailingPunct(b.cue()));
    }

    /** "the French politician", "The 70-year-old veteran": "the", up to three modifiers, a person noun. */
    private static boolean describesPerson(QuoteContext c, String who) {
        Matcher m = DESCRIPTION.matcher(who);
        return m.matches() && c.verbs().isPersonNoun(m.group(1));
    }

    static Optional<Attribution> continuesPrevious(QuoteContext c) {
        if (c.previousSpeaker() == null || !(c.sameParagraph() || c.nextParagraph())) {
            return Optional.empty();
        }
        boolean opensSentence = c.text().substring(c.sentenceStart(c.span().open()), c.span().open()).isBlank();
        if (!opensSentence && sentenceSubject(c) != null) {
            return Optional.empty();
        }
        return Optional.of(new Attribution(c.previousSpeaker(), null));
    }

    static Optional<Attribution> sentenceSubjectRule(QuoteContext c) {
        return found(sentenceSubject(c), null);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** For a quote inside reported speech ("X condemned the move as "…""), the person or body the sentence is about. */
    static Located sentenceSubject(QuoteContext c) {
        String text = c.text();
        int open = c.span().open();
        int sentenceStart = c.sentenceStart(open);
        int verb = c.reportingVerbIn(sentenceStart, open);
        int limit = verb >= 0 ? c.token(verb).start() : open;
        int clauseStart = clauseStart(c, sentenceStart, limit);
        Located agent = agentBeforeQuote(c, sentenceStart, open);
        if (agent != null) {
            return agent;
        }
        if (PRONOUN.matcher(text.substring(clauseStart, limit).strip()).find()) {
            Located person = c.pronounReferent(sentenceStart);
            if (person != null) {
                return person;
            }
        }
        Located adjacent = c.lastMentionIn(clauseStart, limit);
        if (adjacent != null && !c.modifyingPlace(adjacent) && limit < open && ADVERBIAL_GAP.matcher(text.substring(adjacent.end(), limit)).matches()
                && !BodyMentions.possessive(text, adjacent)) {
            return adjacent;
        }
        Located first = c.subjectIn(clauseStart, limit);
        if (first != null) {
            return first;
        }
        if (ANY_PRONOUN.matcher(text.substring(clauseStart, limit)).find()) {
            return c.pronounReferent(sentenceStart);
        }
        // "Russia has rejected …, saying …": a place opening the clause, followed by its verb
        for (Located p : c.places()) {
            if (p.start() >= clauseStart && p.end() <= limit && !c.modifyingPlace(p)
                    && text.substring(clauseStart, p.start()).strip().matches("(?i)(?:the)?")) {
                int next = c.tokenFrom(p.end());
                if (next < c.layer().tokens().size() && c.layer().pos(next).startsWith("VB")) {
                    return p;
                }
            }
        }
        return null;
    }

    /**
     * "The plan was described by X as “…”", "… was dismissed by X as “…”": the agent of a passive participle right
     * before the quote's words (nothing but "as" or a short gap between them) is the one whose words they are.
     */
    private static Located agentBeforeQuote(QuoteContext c, int sentenceStart, int open) {
        String text = c.text();
        for (Located m : c.mentionsIn(sentenceStart, open)) {
            if (PASSIVE_AGENT.matcher(text.substring(Math.max(sentenceStart, m.start() - 40), m.start())).find()
                    && AGENT_TO_QUOTE.matcher(text.substring(m.end(), open)).matches()) {
                return m;
            }
        }
        return null;
    }

    private static int clauseStart(QuoteContext c, int sentenceStart, int limit) {
        String text = c.text();
        int clauseStart = openerEnd(c, sentenceStart, limit);
        Matcher brk = CLAUSE_BREAK.matcher(text.substring(sentenceStart, limit));
        while (brk.find()) {
            clauseStart = sentenceStart + brk.end();
        }
        return clauseStart;
    }

    /**
     * After an opening participle or prepositional phrase ("Standing next to X, Y stressed", "Referring to X's
     * remarks, she said"), where the subject starts: after the first comma; else {@code sentenceStart}.
     */
    private static int openerEnd(QuoteContext c, int sentenceStart, int limit) {
        int first = c.tokenFrom(sentenceStart);
        if (first >= c.layer().tokens().size() || c.token(first).start() >= limit) {
            return sentenceStart;
        }
        String pos = c.layer().pos(first);
        String word = c.token(first).text();
        boolean opener = pos.equals("VBG") || pos.equals("VBN") || OPENER_WORD.matcher(word).matches();
        if (!opener) {
            return sentenceStart;
        }
        int comma = c.text().indexOf(',', sentenceStart);
        return comma > 0 && comma < limit && comma - sentenceStart <= 150 ? comma + 1 : sentenceStart;
    }

    private static boolean leadsWith(String text, int from, int mentionStart) {
        String between = text.substring(from, mentionStart).strip();
        return between.isEmpty() || LEAD_WORDS.matcher(between).matches()
                || ROLE_BEFORE_NAME.matcher(between).matches() || TITLE_BEFORE_NAME.matcher(between).matches();
    }
}
