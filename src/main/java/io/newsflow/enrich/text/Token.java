package io.newsflow.enrich.text;

/**
 * One token of a {@link TextLayer}: a word or punctuation mark with its offsets into the layer's text.
 *
 * @param index position in the layer's token list
 * @param start offset of the first character (UTF-16 index)
 * @param end offset after the last character
 * @param text the token as written
 * @param sentence index of the sentence holding it
 */
public record Token(int index, int start, int end, String text, int sentence) {
}
