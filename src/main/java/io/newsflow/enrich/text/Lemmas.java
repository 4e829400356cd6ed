package io.newsflow.enrich.text;

import edu.stanford.nlp.process.Morphology;

/**
 * CoreNLP's lemmatiser, one per thread. {@link Morphology#lemmaStatic(String, String, boolean)} is
 * {@code static synchronized} over one shared lexer, so two stream threads lemmatising at the same time wait for each
 * other; a {@link Morphology} instance runs the same lemmatisation on a lexer of its own (each call resets the lexer
 * and sets its options, so the result does not depend on which instance or on earlier calls). Thread-safe.
 */
public final class Lemmas {

    private static final ThreadLocal<Morphology> MORPHOLOGY = ThreadLocal.withInitial(Morphology::new);

    private Lemmas() {
    }

    /**
     * The lemma of {@code word} under the Penn Treebank {@code tag}, as {@code Morphology.lemmaStatic(word, tag,
     * lowercase)} gives it.
     */
    public static String lemma(String word, String tag, boolean lowercase) {
        return MORPHOLOGY.get().lemma(word, tag, lowercase);
    }
}
