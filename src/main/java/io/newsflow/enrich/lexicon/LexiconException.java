package io.newsflow.enrich.lexicon;

/** A lexicon file that cannot be read or is malformed; the message names the file and, where known, the line. */
public final class LexiconException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LexiconException(String message) {
        super(message);
    }

    public LexiconException(String message, Throwable cause) {
        super(message, cause);
    }
}
