package io.newsflow.enrich;

/**
 * An annotation layer of a {@link Document}. Stages declare which capabilities they require and which they
 * provide; {@link EnrichmentPipeline} checks the chain when it is built.
 */
public enum Capability {
    /** Title and body as received (possibly HTML). Every document starts with this. */
    RAW_TEXT,
    /** Title and body as plain text: HTML removed, whitespace collapsed, Unicode NFC. */
    NORMALIZED_TEXT,
    /** Detected language of the normalised text. */
    LANGUAGE,
    /** Named entities with mentions, linked to the knowledge base where possible. */
    ENTITIES,
    /** Direct quotes with speakers. */
    QUOTES,
    /** Stance tags with evidence. */
    STANCES,
    /** Stance tags read from quoted content (holder = the quote's speaker), added to the stance tags. */
    QUOTE_STANCES,
    /** Entity-to-entity stance tags from the learned pair model, added to the stance tags. */
    PAIR_STANCES,
    /** Stance tags held by the article itself (holder AUTHOR), added to the stance tags. */
    AUTHOR_STANCES,
    /** Stance tags a speaker states about a name inside their quote, read by the learned target-sentiment model. */
    QUOTE_SENTIMENT_STANCES
}
