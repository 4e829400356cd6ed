package io.newsflow.enrich.text;

/**
 * An outer quoted stretch: the text between an opening and a closing quotation mark. A quote left open at the end of
 * a paragraph is a region only when the next paragraph opens with a quotation mark (it continues there as a region
 * of its own).
 *
 * @param open offset of the opening mark
 * @param close offset of the closing mark, or of the paragraph end when {@code closed} is false
 * @param closed whether a closing mark ends it
 */
public record QuoteRegion(int open, int close, boolean closed) {

    /** Offset of the first quoted character. */
    public int start() {
        return open + 1;
    }

    /** Offset after the last quoted character. */
    public int end() {
        return close;
    }

    /** True when {@code offset} is inside the quoted text or on one of its marks. */
    public boolean covers(int offset) {
        return offset >= open && offset <= close;
    }
}
