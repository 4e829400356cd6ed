package io.newsflow.enrich;

import io.newsflow.enrich.text.TextLayer;
import io.newsflow.enrich.text.TextLayers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An article moving through the enrichment stages, with the annotation layers added so far. Immutable: every
 * {@code with...} method returns a new instance, so stages never mutate their input.
 *
 * <p>Offsets in annotations are Java {@code String} indices (UTF-16 code units, end exclusive) into {@link #title()}
 * or {@link #body()}, as named by the annotation's {@link Field}.
 *
 * @param id article id
 * @param title headline, {@code ""} when the article has none
 * @param body body text (raw before normalisation, plain text after)
 * @param html whether title and body may still contain HTML markup
 * @param declaredLanguage language declared by the publisher, or null
 * @param publishedAt publication time, or null
 * @param language detected language, or null before the language stage
 * @param entities entities found, empty before the entity stage
 * @param quotes quotes found, empty before the quote stage
 * @param stances stance tags, empty before the stance stage
 * @param stagesRun names of the stages that have run, in order
 * @param warnings non-fatal problems found so far
 * @param layers the shared text layers of title and body (built lazily; null = new ones)
 */
public record Document(
        String id,
        String title,
        String body,
        boolean html,
        String declaredLanguage,
        Instant publishedAt,
        Language language,
        List<Entity> entities,
        List<Quote> quotes,
        List<Stance> stances,
        List<String> stagesRun,
        List<String> warnings,
        TextLayers layers) {

    public Document {
        Objects.requireNonNull(id, "id");
        title = title == null ? "" : title;
        Objects.requireNonNull(body, "body");
        entities = List.copyOf(entities);
        quotes = List.copyOf(quotes);
        stances = List.copyOf(stances);
        stagesRun = List.copyOf(stagesRun);
        warnings = List.copyOf(warnings);
        if (layers == null || !layers.isFor(title, body)) {
            layers = new TextLayers(title, body);
        }
    }

    /** A fresh document with no annotations. */
    public static Document of(String id, String title, String body, boolean html, String declaredLanguage,
                              Instant publishedAt) {
        return new Document(id, title, body, html, declaredLanguage, publishedAt, null,
                List.of(), List.of(), List.of(), List.of(), List.of(), null);
    }

    /** Text of the given field. */
    public String text(Field field) {
        return field == Field.TITLE ? title : body;
    }

    /** The shared text layer (tokens, sentences, quotation regions, lazy tags and parses) of the given field. */
    public TextLayer layer(Field field) {
        return field == Field.TITLE ? layers.title() : layers.body();
    }

    public Document withText(String newTitle, String newBody, boolean stillHtml) {
        return new Document(id, newTitle, newBody, stillHtml, declaredLanguage, publishedAt, language, entities,
                quotes, stances, stagesRun, warnings, null);
    }

    public Document withLanguage(Language detected) {
        return new Document(id, title, body, html, declaredLanguage, publishedAt, detected, entities, quotes,
                stances, stagesRun, warnings, layers);
    }

    public Document withEntities(List<Entity> found) {
        return new Document(id, title, body, html, declaredLanguage, publishedAt, language, found, quotes,
                stances, stagesRun, warnings, layers);
    }

    public Document withQuotes(List<Quote> found) {
        return new Document(id, title, body, html, declaredLanguage, publishedAt, language, entities, found,
                stances, stagesRun, warnings, layers);
    }

    public Document withStances(List<Stance> found) {
        return new Document(id, title, body, html, declaredLanguage, publishedAt, language, entities, quotes,
                found, stagesRun, warnings, layers);
    }

    public Document withStageRun(String stage) {
        List<String> runs = new ArrayList<>(stagesRun);
        runs.add(stage);
        return new Document(id, title, body, html, declaredLanguage, publishedAt, language, entities, quotes,
                stances, runs, warnings, layers);
    }

    public Document withWarning(String warning) {
        List<String> all = new ArrayList<>(warnings);
        all.add(warning);
        return new Document(id, title, body, html, declaredLanguage, publishedAt, language, entities, quotes,
                stances, stagesRun, all, layers);
    }

    /** Which text an offset refers to. */
    public enum Field { TITLE, BODY }

    /** Coarse entity type. */
    public enum EntityType { PERSON, ORGANIZATION, LOCATION, MISC }

    /** Whether a mention is a name form or a title-only reference. */
    public enum MentionKind { NAME, TITLE }

    /** Kind of stance target. */
    public enum TargetType { ENTITY, TOPIC }

    /** Stance polarity. */
    public enum Polarity { FAVOR, AGAINST, NEUTRAL }

    /** Detected language: ISO 639-1 code where one exists, else ISO 639-3, {@code und} when undetermined. */
    public record Language(String code, double confidence) {
    }

    /** One occurrence of an entity. */
    public record Mention(Field field, int start, int end, String text, MentionKind kind) {
    }

    /** An entity with all its mentions in this document. {@code qid} and {@code role} may be null. */
    public record Entity(String id, String name, EntityType type, String qid, boolean leader, String role,
                         double salience, List<Mention> mentions) {
        public Entity {
            mentions = List.copyOf(mentions);
        }
    }

    /**
     * A direct quote; speaker fields are null when the text does not say who spoke. {@code method} names the rule
     * that chose the speaker (null without a speaker).
     */
    public record Quote(String text, Field field, int start, int end, String speakerEntityId, String speakerName,
                        String cue, String method) {
    }

    /**
     * A stance of {@code holder} (entity id or {@code AUTHOR}) towards {@code target}, with evidence; {@code method}
     * names the rule or model that produced it.
     */
    public record Stance(String holder, String holderName, String target, String targetName, TargetType targetType,
                         Polarity polarity, double confidence, Field evidenceField, int evidenceStart,
                         int evidenceEnd, String evidence, String cue, String method) {
    }
}
