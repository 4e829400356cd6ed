package io.newsflow.enrich.sentiment;

/** One labelled target: the sentence, the mention's character span {@code [from, to)} and the gold sentiment. */
public record TargetExample(String sentence, int from, int to, String mention, Sentiment gold) {
}
