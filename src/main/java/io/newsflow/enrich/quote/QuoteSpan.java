package io.newsflow.enrich.quote;

import java.util.List;

/**
 * A quote as the stage reports it: one or more quotation regions joined (a quote split only by its attribution, or
 * continued in the next paragraph).
 *
 * @param open offset of the first opening mark
 * @param close offset of the last closing mark (or paragraph end)
 * @param parts the quoted [start, end) ranges inside the marks, in text order
 */
public record QuoteSpan(int open, int close, List<int[]> parts) {

    public QuoteSpan {
        parts = List.copyOf(parts);
    }

    /** Offset of the first quoted character. */
    public int start() {
        return parts.get(0)[0];
    }

    /** Offset after the last quoted character. */
    public int end() {
        return parts.get(parts.size() - 1)[1];
    }

    /** The quoted text, parts joined by one space. */
    public String text(String body) {
        StringBuilder b = new StringBuilder();
        for (int[] p : parts) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(body, p[0], p[1]);
        }
        return b.toString().strip();
    }

    /** Whether {@code offset} falls inside one of the quoted parts (marks included). */
    public boolean covers(int offset) {
        for (int[] p : parts) {
            if (offset >= p[0] - 1 && offset <= p[1]) {
                return true;
            }
        }
        return false;
    }
}
