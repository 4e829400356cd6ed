package io.newsflow.enrich.text;

/**
 * One paragraph (a line of normalised text).
 *
 * @param index position in the layer's paragraph list
 * @param start offset of its first character
 * @param end offset after its last character (before the line break)
 */
public record Paragraph(int index, int start, int end) {
}
