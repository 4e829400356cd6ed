package io.newsflow.enrich.text;

/**
 * One sentence of a {@link TextLayer}. Sentences never cross a paragraph break.
 *
 * @param index position in the layer's sentence list
 * @param start offset of its first token
 * @param end offset after its last token
 * @param firstToken index of its first token
 * @param endToken index after its last token
 * @param paragraph index of the paragraph holding it
 */
public record Sentence(int index, int start, int end, int firstToken, int endToken, int paragraph) {

    /** Number of tokens. */
    public int size() {
        return endToken - firstToken;
    }

    /** True when {@code offset} falls inside the sentence. */
    public boolean contains(int offset) {
        return offset >= start && offset < end;
    }
}
