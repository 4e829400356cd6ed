package io.newsflow.bench;

import io.newsflow.schema.RawArticle;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generates wire-style benchmark articles of about {@value #TARGET_TOKENS} tokens from sentence templates about
 * leaders, countries and organisations, with direct quotes and attributions, so that every stage does realistic
 * work. Deterministic for a seed; every article has a distinct body. Not thread-safe (one instance per thread).
 */
public final class CorpusGenerator {

    public static final int TARGET_TOKENS = 700;

    private static final List<String[]> LEADERS = List.of(
            new String[] {"Vladimir Putin", "Putin", "the Russian President"},
            new String[] {"Sergey Lavrov", "Lavrov", "the Russian Foreign Minister"},
            new String[] {"Volodymyr Zelenskyy", "Zelenskyy", "the Ukrainian President"},
            new String[] {"Emmanuel Macron", "Macron", "the French President"},
            new String[] {"Keir Starmer", "Starmer", "the British Prime Minister"},
            new String[] {"Donald Trump", "Trump", "the US President"},
            new String[] {"Marco Rubio", "Rubio", "the US Secretary of State"},
            new String[] {"Friedrich Merz", "Merz", "the German Chancellor"},
            new String[] {"Xi Jinping", "Xi", "the Chinese President"},
            new String[] {"Narendra Modi", "Modi", "the Indian Prime Minister"},
            new String[] {"Ursula von der Leyen", "von der Leyen", "the Commission President"},
            new String[] {"Mark Rutte", "Rutte", "the NATO Secretary General"});
    private static final List<String> PLACES = List.of("Brussels", "Geneva", "Riyadh", "Ankara", "Warsaw",
            "Kyiv", "Moscow", "Washington", "Paris", "London", "Berlin", "Beijing", "New Delhi", "Istanbul");
    private static final List<String> ORGS = List.of("NATO", "the European Union", "the United Nations",
            "the International Monetary Fund", "the World Health Organization", "the Kremlin", "the White House",
            "the G7", "the African Union", "Reuters");
    private static final List<String> TOPICS = List.of("a ceasefire", "the peace deal", "new sanctions",
            "a security guarantee", "higher tariffs", "NATO membership", "arms deliveries", "climate finance",
            "the grain corridor", "debt relief");
    private static final List<String> CUES = List.of("said", "told reporters", "added", "warned", "insisted");
    private static final List<String> VERBS = List.of("backed", "rejected", "welcomed", "criticised",
            "called for", "warned against", "dismissed", "praised");
    private static final List<String> FILLER = List.of(
            "Officials from both delegations met for several hours behind closed doors on %s.",
            "Analysts said the outcome would depend on whether %s could hold together a fragile coalition.",
            "Markets in %s reacted cautiously, with bond yields edging higher in afternoon trading.",
            "The meeting came days after a series of strikes on energy infrastructure near %s.",
            "Diplomats cautioned that no agreement was expected before the end of the month in %s.",
            "A senior official, speaking on condition of anonymity, described the mood in %s as tense.",
            "The talks were the first of their kind since the previous round collapsed in %s last year.");

    private final Random random;
    private long counter;

    public CorpusGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** The next article, with id {@code prefix-N}. */
    public RawArticle next(String prefix) {
        long n = counter++;
        String[] lead = pick(LEADERS);
        String[] other = pick(LEADERS);
        String place = pick(PLACES);
        StringBuilder body = new StringBuilder(5_000);
        int tokens = 0;
        int paragraph = 0;
        body.append(lead[0]).append(" and ").append(other[0]).append(" met in ").append(place)
                .append(" on ").append(day()).append(" to discuss ").append(pick(TOPICS))
                .append(", as pressure grew on ").append(pick(ORGS)).append(" to act (report ").append(n).append(").");
        while (tokens < TARGET_TOKENS) {
            body.append(paragraph++ % 2 == 0 ? "\n" : " ");
            String sentence = switch (random.nextInt(5)) {
                case 0 -> "\u201C" + quoteText() + ",\u201D " + pick(LEADERS)[1] + " " + pick(CUES) + ".";
                case 1 -> capitalize(pick(LEADERS)[2]) + " " + pick(VERBS) + " " + pick(TOPICS) + ", saying "
                        + pick(ORGS) + " had to move faster.";
                case 2 -> "Mr " + pick(LEADERS)[1] + " " + pick(VERBS) + " " + pick(TOPICS) + " during a visit to "
                        + pick(PLACES) + " on " + day() + ".";
                case 3 -> String.format(pick(FILLER), pick(PLACES));
                default -> pick(LEADERS)[1] + "'s spokesperson said " + pick(ORGS) + " would respond to "
                        + pick(TOPICS) + " \u201Cin due course\u201D.";
            };
            body.append(sentence);
            tokens += sentence.split("\\s+").length + 2;
        }
        String title = lead[1] + " and " + other[1] + " hold talks on " + pick(TOPICS) + " in " + place;
        return RawArticle.newBuilder()
                .setId(prefix + "-" + n)
                .setUrl("https://news.example.org/bench/" + prefix + "/" + n)
                .setSource("newsflow bench")
                .setTitle(title)
                .setBody(body.toString())
                .setLanguage("en")
                .setPublishedAt(Instant.now())
                .build();
    }

    private String quoteText() {
        return switch (random.nextInt(4)) {
            case 0 -> "We will not accept " + pick(TOPICS) + " that rewards aggression";
            case 1 -> "There can be no lasting peace without " + pick(TOPICS);
            case 2 -> "Our position on " + pick(TOPICS) + " has not changed and will not change";
            default -> "I do not know what they hope to achieve at the negotiating table";
        };
    }

    private static String capitalize(String s) {
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    private String day() {
        return List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday").get(random.nextInt(5));
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
