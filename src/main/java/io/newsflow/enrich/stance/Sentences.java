package io.newsflow.enrich.stance;

/** Sentence bounds in normalised text (paragraphs are lines; a sentence ends at . ! ? before a space). Stateless. */
final class Sentences {

    private Sentences() {
    }

    /** Start of the sentence holding {@code offset}. */
    static int start(String text, int offset) {
        int i = Math.min(offset, text.length());
        while (i > 0) {
            char c = text.charAt(i - 1);
            if (c == '\n' || (i >= 2 && c == ' ' && ".!?".indexOf(text.charAt(i - 2)) >= 0)) {
                break;
            }
            i--;
        }
        return i;
    }

    /** End (exclusive) of the sentence holding {@code offset}, after its closing punctuation and quote marks. */
    static int end(String text, int offset) {
        int i = Math.max(0, offset);
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                break;
            }
            i++;
            if (".!?".indexOf(c) >= 0) {
                while (i < text.length() && "”\"’'".indexOf(text.charAt(i)) >= 0) {
                    i++;
                }
                if (i == text.length() || text.charAt(i) == ' ' || text.charAt(i) == '\n') {
                    break;
                }
            }
        }
        return i;
    }
}
