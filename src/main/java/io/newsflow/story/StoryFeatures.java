package io.newsflow.story;

import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.Entity;
import io.newsflow.schema.EntityType;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What story clustering compares of an enriched article: its time, the people and places the entity stage found
 * in it (entity ids), and its content words. Immutable and thread-safe.
 *
 * @param articleId the article id
 * @param time publication time (epoch ms), or the record time when the article has none
 * @param persons ids of the PERSON entities (leaders included)
 * @param places ids of the LOCATION entities
 * @param terms content-word vector of headline and body
 */
public record StoryFeatures(String articleId, long time, Set<String> persons, Set<String> places, TermVector terms) {

    public StoryFeatures {
        Objects.requireNonNull(articleId, "articleId");
        persons = Set.copyOf(persons);
        places = Set.copyOf(places);
        Objects.requireNonNull(terms, "terms");
    }

    /** The features of an enriched article; {@code recordTime} stands in for a missing {@code publishedAt}. */
    public static StoryFeatures of(EnrichedArticle article, long recordTime, Set<String> stopWords) {
        Set<String> persons = new TreeSet<>();
        Set<String> places = new TreeSet<>();
        for (Entity e : article.getEntities()) {
            if (e.getType() == EntityType.PERSON) {
                persons.add(e.getId());
            } else if (e.getType() == EntityType.LOCATION) {
                places.add(e.getId());
            }
        }
        long time = article.getPublishedAt() != null ? article.getPublishedAt().toEpochMilli() : recordTime;
        return new StoryFeatures(article.getId(), time, persons, places,
                TermVector.of(article.getTitle(), article.getBody(), stopWords));
    }
}
