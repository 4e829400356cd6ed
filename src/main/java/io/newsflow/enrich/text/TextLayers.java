package io.newsflow.enrich.text;

import java.util.Objects;

/**
 * The text layers of one document's headline and body, each built on first use and then shared by every stage and
 * every later copy of the document with the same text. Two holders are equal when their texts are equal (the layers
 * are a function of the text). Thread-safe.
 */
public final class TextLayers {

    private final String title;
    private final String body;
    private volatile TextLayer titleLayer;
    private volatile TextLayer bodyLayer;

    public TextLayers(String title, String body) {
        this.title = Objects.requireNonNull(title, "title");
        this.body = Objects.requireNonNull(body, "body");
    }

    /** True when this holder was built for exactly these texts. */
    public boolean isFor(String otherTitle, String otherBody) {
        return title.equals(otherTitle) && body.equals(otherBody);
    }

    /** The headline's layer. */
    public TextLayer title() {
        TextLayer l = titleLayer;
        if (l == null) {
            l = TextLayer.of(title);
            titleLayer = l;
        }
        return l;
    }

    /** The body's layer. */
    public TextLayer body() {
        TextLayer l = bodyLayer;
        if (l == null) {
            l = TextLayer.of(body);
            bodyLayer = l;
        }
        return l;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextLayers other && title.equals(other.title) && body.equals(other.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(title, body);
    }

    @Override
    public String toString() {
        return "TextLayers[" + title.length() + " + " + body.length() + " chars]";
    }
}
