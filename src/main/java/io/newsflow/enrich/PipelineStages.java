package io.newsflow.enrich;

import io.newsflow.enrich.entity.CrfEntityRecognizer;
import io.newsflow.enrich.entity.EntityStage;
import io.newsflow.enrich.kb.KnowledgeBase;
import io.newsflow.enrich.language.LanguageStage;
import io.newsflow.enrich.quote.QuoteStage;
import io.newsflow.enrich.stance.AuthorStanceStage;
import io.newsflow.enrich.stance.QuoteSentimentStage;
import io.newsflow.enrich.stance.PairStanceStage;
import io.newsflow.enrich.stance.QuoteStanceStage;
import io.newsflow.enrich.stance.StanceStage;
import io.newsflow.enrich.normalize.NormalizeStage;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The stages the pipeline runs: a normaliser that runs before de-duplication (the body hash is taken over the
 * normalised text), then the enrichment chain. Checked when built: the normaliser must turn {@code RAW_TEXT} into
 * {@code NORMALIZED_TEXT} and the chain must start from exactly those. Immutable.
 */
public record PipelineStages(Stage normalizer, EnrichmentPipeline enrichment) {

    /** Capabilities documents have when the enrichment chain starts. */
    public static final Set<Capability> AFTER_NORMALIZATION =
            Set.copyOf(EnumSet.of(Capability.RAW_TEXT, Capability.NORMALIZED_TEXT));

    public PipelineStages {
        Objects.requireNonNull(normalizer, "normalizer");
        Objects.requireNonNull(enrichment, "enrichment");
        if (!Set.of(Capability.RAW_TEXT).containsAll(normalizer.requires())
                || !normalizer.provides().contains(Capability.NORMALIZED_TEXT)) {
            throw new IllegalStateException("normaliser '" + normalizer.name()
                    + "' must require only RAW_TEXT and provide NORMALIZED_TEXT");
        }
        if (!enrichment.initial().equals(AFTER_NORMALIZATION)) {
            throw new IllegalStateException("enrichment chain must start from " + AFTER_NORMALIZATION
                    + ", not " + enrichment.initial());
        }
    }

    /** Builds a validated set from a normaliser and enrichment stages in order. */
    public static PipelineStages of(Stage normalizer, List<? extends Stage> enrichmentStages) {
        return new PipelineStages(normalizer, EnrichmentPipeline.of(AFTER_NORMALIZATION, enrichmentStages));
    }

    /**
     * The default enrichment chain, comma-separated, in order: the one default of every command ({@code --stages})
     * and of {@link #standard()}. A compile-time constant so that picocli can show it as the option default.
     */
    public static final String DEFAULT_CHAIN = LanguageStage.NAME + "," + EntityStage.NAME + "," + QuoteStage.NAME
            + "," + StanceStage.NAME + "," + QuoteStanceStage.NAME;

    /** {@link #DEFAULT_CHAIN} as a list. */
    public static final List<String> DEFAULT = List.of(DEFAULT_CHAIN.split(","));

    /** Stages that exist but run only when named ({@code --stages ...,author-stance}). */
    public static final List<String> OPT_IN = List.of(PairStanceStage.NAME, AuthorStanceStage.NAME,
            QuoteSentimentStage.NAME);

    /** Normalisation and the {@link #DEFAULT} chain. */
    public static PipelineStages standard() {
        return named(DEFAULT);
    }

    /**
     * Normalisation followed by the named enrichment stages in the given order; fails fast on an unknown name or a
     * chain whose requirements are not met.
     */
    public static PipelineStages named(List<String> names) {
        return named(names, null);
    }

    /** As {@link #named(List)}, with entities linked against {@code kb} (null = the bundled knowledge base). */
    public static PipelineStages named(List<String> names, KnowledgeBase kb) {
        return named(names, kb, null);
    }

    /** As {@link #named(List, KnowledgeBase)}, with the stance stage using {@code stanceTopics} (null = default). */
    public static PipelineStages named(List<String> names, KnowledgeBase kb, Map<String, List<String>> stanceTopics) {
        List<Stage> chain = names.stream().map(n -> switch (n.strip()) {
            case LanguageStage.NAME -> (Stage) LanguageStage.shared();
            case EntityStage.NAME -> kb == null ? EntityStage.standard()
                    : new EntityStage(kb, CrfEntityRecognizer.shared());
            case QuoteStage.NAME -> new QuoteStage();
            case StanceStage.NAME -> stanceTopics == null ? new StanceStage() : new StanceStage(stanceTopics);
            case QuoteStanceStage.NAME -> new QuoteStanceStage();
            case PairStanceStage.NAME -> new PairStanceStage();
            case AuthorStanceStage.NAME -> new AuthorStanceStage();
            case QuoteSentimentStage.NAME -> new QuoteSentimentStage();
            default -> throw new IllegalArgumentException("unknown stage '" + n + "'; available: " + DEFAULT
                    + " and, opt-in, " + OPT_IN);
        }).toList();
        return of(new NormalizeStage(), chain);
    }

    /**
     * Loads every stage's models by enriching a short built-in text, without a deadline, so that no record pays the
     * loading under its stage deadline. A stage that fails on that text is left as it is (its failure shows on
     * real records). Cheap after the first call in a JVM; returns this.
     */
    public PipelineStages warmUp() {
        try {
            process(Document.of("warm-up", "Ministers meet in Geneva",
                    "The foreign minister, Ana Ruiz, said on Monday that talks in Geneva would resume. "
                            + "\u201cWe want an agreement,\u201d she said. Critics opposed the plan.", false, null,
                    null));
        } catch (StageException e) {
            // the stage fails on this text too; nothing to warm
        }
        return this;
    }

    /** Runs normalisation and every enrichment stage, as the topology does, without Kafka. */
    public Document process(Document raw) {
        return enrichment.apply(StageRunner.run(normalizer, raw));
    }

    /** Names of all stages in order, normaliser first. */
    public List<String> stageNames() {
        return Stream.concat(Stream.of(normalizer.name()), enrichment.stageNames().stream()).toList();
    }
}
