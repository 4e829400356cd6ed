package io.newsflow.enrich.kb;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Name folding shared by the knowledge base and the matchers. Stateless. */
public final class Names {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Names() {
    }

    /**
     * Case-, accent- and apostrophe-insensitive key: "Erdoğan" and "erdogan" fold alike, as do "Sa’ar" and "Sa'ar".
     * Length-preserving for text without combining marks, which {@link AliasMatcher} relies on.
     */
    public static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        String bare = MARKS.matcher(decomposed).replaceAll("");
        bare = bare.replace('’', '\'').replace('‘', '\'').replace('‐', '-').replace('‑', '-');
        return SPACES.matcher(bare.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    /** A URL-safe slug of a name, for ids of entities without a QID. */
    public static String slug(String name) {
        return fold(name).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
