package io.newsflow.enrich.stance;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The object phrase after a stance cue, as written: "expressed a strong interest in <b>hosting the peace talks</b>",
 * "warned against <b>lifting sanctions on Moscow</b>", "warned against “<b>capitulation</b>”". It runs to the first
 * punctuation mark, quotation mark or clause word ("that", "because", "saying", …), at most {@value #MAX_WORDS}
 * words, without a leading determiner or trailing function words. Stateless.
 */
final class ObjectPhrase {

    static final int MAX_WORDS = 8;
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’\\-]*|\\S");
    private static final Set<String> STOP = Set.of("that", "which", "who", "whom", "whose", "because", "after",
            "before", "when", "while", "as", "saying", "but", "amid", "despite", "since", "until", "if", "unless",
            "than", "by", "following", "during", "where", "although", "though", "and", "or", "said", "says",
            "calling", "describing", "arguing", "warning", "adding", "monday", "tuesday", "wednesday", "thursday",
            "friday", "saturday", "sunday", "yesterday", "today", "tomorrow", "tonight", "earlier", "later",
            "overnight", "last", "next", "this");
    private static final Set<String> LEADING = Set.of("a", "an", "the", "any", "all", "some", "his", "her", "their",
            "its", "our", "this", "these", "those", "what", "further", "also", "again");
    private static final Set<String> TRAILING = Set.of("of", "on", "in", "for", "to", "with", "the", "a", "an", "at",
            "from", "into", "over", "its", "their", "his", "her", "any", "more", "early", "late");
    private static final Set<String> PRONOUNS = Set.of("it", "them", "him", "her", "this", "that", "these",
            "those", "me", "us", "you", "himself", "herself", "themselves", "one", "itself");
    /** Nouns that alone refer back to something named earlier ("welcomed the offer"): not a topic by themselves. */
    private static final Set<String> GENERIC = Set.of("claims", "reports", "idea",
            "suggestion", "suggestions", "speculation", "criticism", "comments", "remarks", "move", "statement",
            "proposal", "call", "calls", "plan", "plans", "accusations", "allegations", "notion", "report",
            "decision", "offer", "announcement", "effort", "efforts", "arrangement", "legislation", "attempt",
            "attempts", "speech", "bill", "deal", "measure", "measures", "step", "steps", "initiative",
            "government", "approach", "policy", "agreement", "request", "demand", "demands", "warning", "warnings",
            "result", "results", "outcome", "news", "development", "developments", "change", "changes", "verdict");
    /** Heads whose complement is the topic: "the principle of a security guarantee", "the prospect of talks". */
    private static final Set<String> OF_HEADS = Set.of("principle", "prospect", "idea", "notion", "possibility",
            "concept", "plan", "plans", "proposal", "proposals", "calls", "call", "question", "issue", "threat",
            "prospects", "talk");
    /** "criticised what he called the “weaponisation of trade”": the topic follows the naming verb. */
    private static final Pattern FRAME_HEAD = Pattern.compile("^(?:(?:the|a|an|any)\\s+)?(?:(?:proposals?|plans?|idea|"
            + "creation|move|moves|bid|efforts?|attempts?|calls?|demands?|bets?|market\\s+bets?)\\s+(?:to\\s+(?:create|"
            + "establish|set\\s+up|introduce|impose|give)|of|for|on)\\s+)+(?:(?:the|a|an)\\s+)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WHAT_CALLED = Pattern.compile("^\\s*[“\"]?what\\s+"
            + "(?:he|she|they|it|(?:his|her|its|their)\\s+\\p{L}+|[\\p{Lu}][\\p{L}-]*)\\s+"
            + "(?:called|calls|described as|describes as|termed|dubbed|branded)\\s+(?:as\\s+)?",
            Pattern.CASE_INSENSITIVE);
    /** "urged allies to keep up arms deliveries": for calls, the act asked for. */
    private static final Pattern ASKED_TO = Pattern.compile("^\\s*(?:[\\p{L}\\p{N}'’\\-]+\\s+){1,4}?to\\s+(?!be\\b)");

    private ObjectPhrase() {
    }

    /** Bounds [start, end) of the object phrase in [from, to) of {@code text}, or null when there is none. */
    static int[] find(String text, int from, int to) {
        return find(text, from, to, false);
    }

    /** As {@link #find(String, int, int)}; {@code call} for calls and demands, whose object may be asked to act. */
    static int[] find(String text, int from, int to, boolean call) {
        Matcher named = WHAT_CALLED.matcher(text).region(from, to);
        if (named.lookingAt()) {
            from = named.end();
        }
        if (call) {
            Matcher asked = ASKED_TO.matcher(text).region(from, to);
            if (asked.lookingAt()) {
                from = asked.end();
            }
        }
        int[] phrase = words(text, from, to);
        if (phrase != null && phrase.length == 3) {
            return find(text, phrase[2], to, false);
        }
        return phrase;
    }

    private static int[] words(String text, int from, int to) {
        Matcher m = TOKEN.matcher(text).region(from, to);
        int start = -1;
        int end = -1;
        int words = 0;
        boolean quoted = false;
        int lastWordEnd = -1;
        int[] wordStarts = new int[MAX_WORDS + 1];
        int[] wordEnds = new int[MAX_WORDS + 1];
        String[] lower = new String[MAX_WORDS + 1];
        while (m.find()) {
            String tok = m.group();
            if (start < 0 && (tok.equals("“") || tok.equals("\""))) {
                quoted = true;
                continue;
            }
            if (!Character.isLetterOrDigit(tok.charAt(0))) {
                break;
            }
            String w = tok.toLowerCase(Locale.ROOT);
            if (words == 0 && LEADING.contains(w)) {
                continue;
            }
            if (STOP.contains(w) && words > 0 || words == MAX_WORDS) {
                break;
            }
            if (w.equals("for") && words == 1 && (lower[0].equals("calls") || lower[0].equals("call"))) {
                return new int[] {start, m.end(), m.end()};
            }
            if (w.equals("for") && words > 0 && forClause(text, m.end(), to)) {
                break;
            }
            if (w.equals("of") && words == 1 && OF_HEADS.contains(lower[0])) {
                return new int[] {start, m.end(), m.end()};
            }
            if (start < 0) {
                start = m.start();
            }
            wordStarts[words] = m.start();
            wordEnds[words] = m.end();
            lower[words] = w;
            words++;
            lastWordEnd = m.end();
        }
        while (words > 0 && TRAILING.contains(lower[words - 1])) {
            words--;
        }
        if (words == 0 || lastWordEnd < 0 || STOP.contains(lower[0]) || PRONOUNS.contains(lower[0])
                || words == 1 && GENERIC.contains(lower[0])) {
            return null;
        }
        end = wordEnds[words - 1];
        if (quoted && end < text.length() && (text.charAt(end) == '”' || text.charAt(end) == '"')) {
            end++;
        }
        return new int[] {start, end};
    }

    /** "criticised the government for failing …": a reason, not part of the object. */
    private static boolean forClause(String text, int from, int to) {
        Matcher next = TOKEN.matcher(text).region(from, to);
        if (!next.find()) {
            return false;
        }
        String w = next.group().toLowerCase(Locale.ROOT);
        return w.endsWith("ing") || Set.of("what", "his", "her", "their", "its", "being", "not").contains(w);
    }

    /**
     * The phrase without a leading frame that only carries the proposal ("proposal to create a permanent secretariat"
     * → "permanent secretariat", "the idea of a reassurance force" → "reassurance force", "market bets on a cut" →
     * "cut"); the phrase itself when nothing would be left.
     */
    static String core(String phrase) {
        String core = FRAME_HEAD.matcher(phrase).replaceFirst("");
        return core.isBlank() ? phrase : core;
    }

    /** A target id fragment: lower case, words joined by '-'. */
    static String slug(String phrase) {
        return phrase.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-|-$", "");
    }
}
