package io.newsflow.enrich.text;

import io.newsflow.enrich.Deadline;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds outer quoted stretches in plain text, paragraph by paragraph (paragraphs are separated by {@code '\n'}).
 * A quote left open at the end of a paragraph counts only when the next paragraph opens with a quotation mark
 * (the news convention for a quote that continues). The only quote finder: stages read the regions from
 * {@link TextLayer#quotes()}. Stateless and thread-safe.
 */
public final class QuoteMarks {

    private QuoteMarks() {
    }

    /** Outer quoted regions of {@code text}, in text order. */
    public static List<QuoteRegion> find(String text) {
        List<QuoteRegion> spans = new ArrayList<>();
        int ps = 0;
        while (ps <= text.length()) {
            int nl = text.indexOf('\n', ps);
            int pe = nl < 0 ? text.length() : nl;
            Deadline.check();
            int i = ps;
            while (i < pe) {
                char c = text.charAt(i);
                boolean dbl = isDoubleOpen(text, i);
                boolean sgl = !dbl && isSingleOpen(text, i);
                if (!dbl && !sgl) {
                    i++;
                    continue;
                }
                int close = dbl ? closeDouble(text, i + 1, pe) : closeSingle(text, i + 1, pe);
                if (close >= 0) {
                    spans.add(new QuoteRegion(i, close, true));
                    i = close + 1;
                } else if (pe < text.length() && opensWithMark(text, pe + 1, c)) {
                    spans.add(new QuoteRegion(i, pe, false));
                    i = pe;
                } else {
                    i++;
                }
            }
            if (nl < 0) {
                break;
            }
            ps = nl + 1;
        }
        return spans;
    }

    private static boolean isDoubleOpen(String text, int i) {
        char c = text.charAt(i);
        if (c == '“' || c == '„' || c == '«') {
            return true;
        }
        return c == '"' && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))
                && i + 1 < text.length() && !Character.isWhitespace(text.charAt(i + 1));
    }

    private static boolean isSingleOpen(String text, int i) {
        char c = text.charAt(i);
        if (c != '‘' && c != '\'') {
            return false;
        }
        boolean startOfWord = i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
        return startOfWord && i + 1 < text.length() && Character.isLetter(text.charAt(i + 1));
    }

    private static int closeDouble(String text, int from, int pe) {
        for (int j = from; j < pe; j++) {
            char c = text.charAt(j);
            if ((c == '”' || c == '"' || c == '»' || c == '“') && j > from && !Character.isWhitespace(text.charAt(j - 1))) {
                if (c == '“' && j + 1 < pe && Character.isLetter(text.charAt(j + 1))) {
                    continue;
                }
                return j;
            }
        }
        return -1;
    }

    private static int closeSingle(String text, int from, int pe) {
        for (int j = from; j < pe; j++) {
            char c = text.charAt(j);
            if ((c == '’' || c == '\'') && j > from && !Character.isWhitespace(text.charAt(j - 1))
                    && (j + 1 >= pe || !Character.isLetter(text.charAt(j + 1)))) {
                return j;
            }
            if (c == '“' || c == '"' && j > from && Character.isWhitespace(text.charAt(j - 1))) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean opensWithMark(String text, int start, char mark) {
        int i = start;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        if (i >= text.length()) {
            return false;
        }
        char c = text.charAt(i);
        return mark == '‘' || mark == '\'' ? c == '‘' || c == '\'' : c == '“' || c == '"' || c == '„' || c == '«';
    }
}
