package io.newsflow.topology;

import io.newsflow.alert.Alerting;
import io.newsflow.config.PipelineConfig;
import io.newsflow.dedup.NearDuplicateDetector;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.enrich.Stage;
import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.EntityMention;
import io.newsflow.schema.LeaderAlert;
import io.newsflow.schema.RawArticle;
import io.newsflow.schema.internal.ArticleCopies;
import io.newsflow.schema.internal.ArticleEnvelope;
import io.newsflow.schema.internal.EntityArticles;
import io.newsflow.schema.internal.LshBucket;
import io.newsflow.schema.internal.SeenArticle;
import io.newsflow.schema.internal.StoryArticles;
import io.newsflow.schema.internal.StoryBucket;
import io.newsflow.schema.internal.StoryMember;
import io.newsflow.serde.SerdeFactory;
import io.newsflow.story.StoryClusterer;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the newsflow topology. A pure factory: everything it needs comes in as arguments, it reads no environment.
 *
 * <pre>
 * read-articles → parse-article → validate-article → normalize-article → dedupe-by-id [article-ids]
 *   ├─ failed   → dead-letter-ingest → write-dead-letters-ingest (news-articles-dlq)
 *   └─ accepted → key-by-body-hash → (repartition by-body-hash) → dedupe-by-body [article-body-hashes]
 *                 → key-by-id-for-order → (repartition by-article-id) → order-revisions [article-revisions]
 *                 → (repartition near-duplicate-index, ONE partition)
 *                 → mark-near-duplicates [near-duplicate-signatures, near-duplicate-bands, article-copies]
 *                 → (repartition near-duplicate-checked, config.enrichmentPartitions() partitions)
 *                 → prepare-enrichment → enrich-&lt;stage&gt;… → check-enriched-size (assembles the output record)
 *                   → route-enriched
 *                   ├─ failed → key-dead-letters-enrich → dead-letter-enrich → write-dead-letters-enrich (news-articles-dlq)
 *                   └─ ok     → assemble-enriched → revise-reprocessed [article-result-digests] → key-by-article-id
 *                             → measure-enriched → write-enriched (news-articles-enriched)
 * </pre>
 *
 * Revisions of one id are put back in order right after the body-hash repartition (which loses their order:
 * their bodies differ); the later repartitions are keyed by id, so the order holds to the output.
 * The near-duplicate index topic has a single partition so that a copy meets its original whichever input
 * partition either arrived on (LSH band keys differ per band, so no one key co-partitions them). The step is cheap
 * and comes before enrichment, which the next repartition spreads over the tasks again; the slow enrichment stays
 * the last hop before the output, so a backlog never waits behind it for an internal topic.
 *
 * Node and store names are part of the operational contract (state-store and internal-topic names derive from
 * them): change them only with an application-id change.
 */
public final class NewsflowTopology {

    public static final String SOURCE = "read-articles";
    public static final String PARSE = "parse-article";
    public static final String VALIDATE = "validate-article";
    public static final String NORMALIZE = "normalize-article";
    public static final String DEDUPE_BY_ID = "dedupe-by-id";
    public static final String DEDUPE_BY_BODY = "dedupe-by-body";
    public static final String REPARTITION_BY_BODY = "by-body-hash";
    public static final String REPARTITION_BY_ID = "by-article-id";
    public static final String ORDER_REVISIONS = "order-revisions";
    public static final String STORE_REVISIONS = "article-revisions";
    public static final String PREPARE_ENRICHMENT = "prepare-enrichment";
    public static final String ENRICH_PREFIX = "enrich-";
    /**
     * Takes the output record, assembled by {@link #CHECK_ENRICHED_SIZE}, out of its outcome (the name is from when
     * this node assembled it a second time; node names are part of the contract).
     */
    public static final String ASSEMBLE = "assemble-enriched";
    public static final String SINK_ENRICHED = "write-enriched";
    /** Dead-letters an enriched article too large for the enriched topic before it is sent. */
    public static final String CHECK_ENRICHED_SIZE = "check-enriched-size";
    public static final String REPARTITION_NEAR_DUPLICATES = "near-duplicate-index";
    public static final String REPARTITION_NEAR_DUPLICATES_CHECKED = "near-duplicate-checked";
    public static final String MARK_NEAR_DUPLICATES = "mark-near-duplicates";
    public static final String SINK_DEAD_LETTERS_PREFIX = "write-dead-letters-";
    public static final String STORE_ARTICLE_IDS = "article-ids";
    public static final String STORE_BODY_HASHES = "article-body-hashes";
    /** Counts enriched articles and their publish → enriched latency (metrics only). */
    public static final String MEASURE_ENRICHED = "measure-enriched";
    /** Drops re-enrichments ({@link Reprocessing}) whose result did not change. */
    public static final String REVISE = "revise-reprocessed";
    /** Digest of the last published enrichment per body hash (see {@link ReviseProcessor}). */
    public static final String STORE_RESULT_DIGESTS = "article-result-digests";
    public static final String STORE_ARTICLES = "articles-by-id";
    public static final String STORE_NEAR_DUPLICATE_SIGNATURES = "near-duplicate-signatures";
    public static final String STORE_NEAR_DUPLICATE_BANDS = "near-duplicate-bands";
    public static final String STORE_ARTICLE_COPIES = "article-copies";
    public static final String STORE_ALERTS_SENT = "alerts-sent";
    public static final String STORE_MENTION_COUNTS = "entity-mention-counts";
    public static final String STORE_LATEST_ARTICLES = "entity-latest-articles";
    public static final String STORE_SPIKES_SENT = "spike-alerts-sent";
    /** Single-partition repartition of the enriched articles for story clustering. */
    public static final String REPARTITION_STORIES = "story-index";
    public static final String ASSIGN_STORIES = "assign-stories";
    /** Article id → what story clustering remembered of it. */
    public static final String STORE_STORY_MEMBERS = "story-members";
    /** Person entity id → remembered articles naming the person. */
    public static final String STORE_STORY_PERSONS = "story-person-index";
    /** Article id → story id. */
    public static final String STORE_ARTICLE_STORIES = "article-stories";
    /** Story id → its articles. */
    public static final String STORE_STORIES = "stories";

    private NewsflowTopology() {
    }

    /** Builds the enrichment topology alone, with the system clock for processing timestamps. */
    public static Topology build(PipelineConfig config, PipelineStages stages, SerdeFactory serdes) {
        return build(config, stages, null, serdes, Clock.systemUTC());
    }

    /** Builds the enrichment topology alone; {@code clock} stamps {@code processing.processedAt}. */
    public static Topology build(PipelineConfig config, PipelineStages stages, SerdeFactory serdes, Clock clock) {
        return build(config, stages, null, serdes, clock);
    }

    /**
     * Builds the topology; with {@code alerting} (nullable) it also serves the enriched articles: full-tier alerts,
     * per-entity mentions, and the query stores. {@code clock} stamps processing and alert times. The stages are
     * warmed up first ({@link PipelineStages#warmUp()}) so that no record pays the model loading under its deadline.
     */
    public static Topology build(PipelineConfig config, PipelineStages stages, Alerting alerting,
                                 SerdeFactory serdes, Clock clock) {
        Serde<String> keys = serdes.keySerde();
        Serde<RawArticle> rawSerde = serdes.valueSerde(RawArticle.class);
        Serde<ArticleEnvelope> envelopeSerde = serdes.valueSerde(ArticleEnvelope.class);
        Serde<SeenArticle> seenSerde = serdes.valueSerde(SeenArticle.class);
        Serde<EnrichedArticle> enrichedSerde = serdes.valueSerde(EnrichedArticle.class);
        ArticleValidator validator = new ArticleValidator(config);
        stages.warmUp();

        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore(STORE_NEAR_DUPLICATE_SIGNATURES), keys, Serdes.ByteArray()));
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore(STORE_NEAR_DUPLICATE_BANDS), keys,
                serdes.valueSerde(LshBucket.class)));
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore(STORE_ARTICLE_COPIES), keys,
                serdes.valueSerde(ArticleCopies.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE_ARTICLE_IDS), keys, seenSerde));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE_BODY_HASHES), keys, seenSerde));
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore(STORE_RESULT_DIGESTS), keys, Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE_REVISIONS), keys, seenSerde));

        KStream<String, Outcome<ArticleEnvelope>> ingested = builder
                .stream(config.topics().articles(), Consumed.with(keys, Serdes.ByteArray()).withName(SOURCE))
                .processValues(() -> new ParseProcessor(config, rawSerde.deserializer()), Named.as(PARSE))
                .processValues(() -> new ValidateProcessor(validator), Named.as(VALIDATE))
                .processValues(() -> new NormalizeProcessor(stages.normalizer(), config.stageDeadline()), Named.as(NORMALIZE))
                .processValues(() -> new DedupeByIdProcessor(STORE_ARTICLE_IDS, config.dedupRetention()),
                        Named.as(DEDUPE_BY_ID), STORE_ARTICLE_IDS);

        Map<String, KStream<String, Outcome<ArticleEnvelope>>> routed = ingested
                .split(Named.as("route-ingest-"))
                .branch((key, outcome) -> outcome.isFailed(), Branched.as("failed"))
                .defaultBranch(Branched.as("accepted"));
        writeDeadLetters(routed.get("route-ingest-failed"), "ingest", config, false);

        String normalizerName = stages.normalizer().name();
        KStream<String, Outcome<Working>> working = routed.get("route-ingest-accepted")
                .mapValues(NewsflowTopology::unwrap, Named.as("unwrap-accepted"))
                .selectKey((key, envelope) -> envelope.getContentHash(), Named.as("key-by-body-hash"))
                .repartition(Repartitioned.<String, ArticleEnvelope>as(REPARTITION_BY_BODY)
                        .withKeySerde(keys).withValueSerde(envelopeSerde))
                .processValues(() -> new DedupeByBodyProcessor(STORE_BODY_HASHES, config.dedupRetention()),
                        Named.as(DEDUPE_BY_BODY), STORE_BODY_HASHES)
                .selectKey((hash, envelope) -> envelope.getArticle().getId(), Named.as("key-by-id-for-order"))
                .repartition(Repartitioned.<String, ArticleEnvelope>as(REPARTITION_BY_ID)
                        .withKeySerde(keys).withValueSerde(envelopeSerde))
                .processValues(() -> new RevisionOrderProcessor(STORE_REVISIONS, config.dedupRetention()),
                        Named.as(ORDER_REVISIONS), STORE_REVISIONS)
                .repartition(Repartitioned.<String, ArticleEnvelope>as(REPARTITION_NEAR_DUPLICATES)
                        .withKeySerde(keys).withValueSerde(envelopeSerde).withNumberOfPartitions(1))
                .processValues(() -> new NearDuplicateProcessor(
                                NearDuplicateDetector.withThreshold(config.nearDuplicateThreshold()),
                                STORE_NEAR_DUPLICATE_SIGNATURES, STORE_NEAR_DUPLICATE_BANDS, STORE_ARTICLE_COPIES,
                                config.dedupRetention()),
                        Named.as(MARK_NEAR_DUPLICATES), STORE_NEAR_DUPLICATE_SIGNATURES, STORE_NEAR_DUPLICATE_BANDS,
                        STORE_ARTICLE_COPIES)
                .repartition(Repartitioned.<String, ArticleEnvelope>as(REPARTITION_NEAR_DUPLICATES_CHECKED)
                        .withKeySerde(keys).withValueSerde(envelopeSerde)
                        .withNumberOfPartitions(config.enrichmentPartitions()))
                .mapValues(envelope -> Outcome.ok(new Working(envelope, Documents.fromNormalized(
                        envelope.getArticle(), normalizerName, envelope.getWarnings()), 0L)),
                        Named.as(PREPARE_ENRICHMENT));
        for (Stage stage : stages.enrichment().stages()) {
            working = working.processValues(() -> new StageProcessor(stage, config.stageDeadline()), Named.as(ENRICH_PREFIX + stage.name()));
        }

        // assembles the output record once, checks its size and passes it on (or a dead letter)
        KStream<String, Outcome<EnrichedArticle>> checked = working.processValues(() -> new EnrichedSizeProcessor(
                w -> assemble(w, config.pipelineVersion(), clock), enrichedSerde.serializer(),
                config.topics().enriched(), config.maxEnrichedRecordBytes()), Named.as(CHECK_ENRICHED_SIZE));
        Map<String, KStream<String, Outcome<EnrichedArticle>>> enriched = checked
                .split(Named.as("route-enriched-"))
                .branch((key, outcome) -> outcome.isFailed(), Branched.as("failed"))
                .defaultBranch(Branched.as("ok"));
        writeDeadLetters(enriched.get("route-enriched-failed"), "enrich", config, true);

        enriched.get("route-enriched-ok")
                .mapValues(NewsflowTopology::unwrap, Named.as(ASSEMBLE))
                .processValues(() -> new ReviseProcessor(STORE_RESULT_DIGESTS, config.dedupRetention()),
                        Named.as(REVISE), STORE_RESULT_DIGESTS)
                .selectKey((key, article) -> article.getId(), Named.as("key-by-article-id"))
                .processValues(MeasureEnrichedProcessor::new, Named.as(MEASURE_ENRICHED))
                .to(config.topics().enriched(), Produced.with(keys, enrichedSerde).withName(SINK_ENRICHED));

        if (alerting != null) {
            addServing(builder, config, alerting, serdes, clock);
        }
        return builder.build();
    }

    /**
     * The serving sub-topologies, fed by the enriched topic (keyed by article id) and the mentions topic (keyed by
     * entity id) so that every store is partitioned by the key it is queried by:
     * <pre>
     * read-enriched → store-article [articles-by-id] → evaluate-alerts [alerts-sent] → write-alerts (news-alerts)
     *               → skip-near-copies → explode-mentions → write-mentions (news-mentions)
     *               → (repartition story-index, ONE partition)
     *                 → assign-stories [story-members, story-person-index, article-stories, stories]
     * read-mentions → count-mentions [entity-mention-counts, entity-latest-articles, spike-alerts-sent]
     *               → write-spike-alerts (news-alerts)
     * </pre>
     */
    private static void addServing(StreamsBuilder builder, PipelineConfig config, Alerting alerting,
                                   SerdeFactory serdes, Clock clock) {
        Serde<String> keys = serdes.keySerde();
        Serde<EnrichedArticle> enrichedSerde = serdes.valueSerde(EnrichedArticle.class);
        Serde<LeaderAlert> alertSerde = serdes.valueSerde(LeaderAlert.class);
        Serde<EntityMention> mentionSerde = serdes.valueSerde(EntityMention.class);
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore(STORE_ARTICLES), keys, enrichedSerde));
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore(STORE_ALERTS_SENT), keys, Serdes.Long()));
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(STORE_MENTION_COUNTS,
                alerting.mentionRetention(), alerting.mentionBucket(), false), keys, Serdes.Long()));
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore(STORE_LATEST_ARTICLES), keys,
                serdes.valueSerde(EntityArticles.class)));
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore(STORE_SPIKES_SENT), keys, Serdes.Long()));

        KStream<String, EnrichedArticle> published = builder.stream(config.topics().enriched(),
                Consumed.with(keys, enrichedSerde).withName("read-enriched"));
        published
                .processValues(() -> new ArticleStoreProcessor(STORE_ARTICLES, config.dedupRetention()),
                        Named.as("store-article"), STORE_ARTICLES)
                .process(() -> new FullAlertProcessor(alerting, STORE_ALERTS_SENT, config.dedupRetention(), clock),
                        Named.as("evaluate-alerts"), STORE_ALERTS_SENT)
                .to(config.topics().alerts(), Produced.with(keys, alertSerde).withName("write-alerts"));
        published
                .filter((key, article) -> article != null && article.getDuplicateOf() == null,
                        Named.as("skip-near-copies"))
                .flatMap((key, article) -> EntityMentions.of(article), Named.as("explode-mentions"))
                .to(config.topics().mentions(), Produced.with(keys, mentionSerde).withName("write-mentions"));
        addStories(builder, published, config, serdes);
        builder.stream(config.topics().mentions(), Consumed.with(keys, mentionSerde).withName("read-mentions"))
                .process(() -> new MentionCountProcessor(alerting, STORE_MENTION_COUNTS, STORE_LATEST_ARTICLES,
                        STORE_SPIKES_SENT, clock), Named.as("count-mentions"),
                        STORE_MENTION_COUNTS, STORE_LATEST_ARTICLES, STORE_SPIKES_SENT)
                .to(config.topics().alerts(), Produced.with(keys, alertSerde).withName("write-spike-alerts"));
    }

    /**
     * Story clustering needs the people and places of the enrichment, so it reads the enriched articles; like the
     * near-duplicate index it runs on one partition, so that two articles of a story meet whichever partition each
     * was published on (they share no key). It serves stores only and writes no topic, so the enriched output never
     * waits for it.
     */
    private static void addStories(StreamsBuilder builder, KStream<String, EnrichedArticle> published,
                                   PipelineConfig config, SerdeFactory serdes) {
        Serde<String> keys = serdes.keySerde();
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore(STORE_STORY_MEMBERS), keys,
                serdes.valueSerde(StoryMember.class)));
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore(STORE_STORY_PERSONS), keys,
                serdes.valueSerde(StoryBucket.class)));
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore(STORE_ARTICLE_STORIES), keys, Serdes.String()));
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore(STORE_STORIES), keys,
                serdes.valueSerde(StoryArticles.class)));
        StoryClusterer clusterer = new StoryClusterer(config.storyWindow(), config.storySimilarity());
        Set<String> stopWords = StoryClusterer.stopWords();
        published
                .repartition(Repartitioned.<String, EnrichedArticle>as(REPARTITION_STORIES)
                        .withKeySerde(keys).withValueSerde(serdes.valueSerde(EnrichedArticle.class))
                        .withNumberOfPartitions(1))
                .process(() -> new StoryProcessor(clusterer, stopWords, STORE_STORY_MEMBERS, STORE_STORY_PERSONS,
                                STORE_ARTICLE_STORIES, STORE_STORIES, config.dedupRetention()),
                        Named.as(ASSIGN_STORIES), STORE_STORY_MEMBERS, STORE_STORY_PERSONS, STORE_ARTICLE_STORIES,
                        STORE_STORIES);
    }

    private static <T> void writeDeadLetters(KStream<String, Outcome<T>> failed, String step, PipelineConfig config,
                                             boolean rekeyByArticleId) {
        KStream<String, Outcome<T>> keyed = !rekeyByArticleId ? failed
                : failed.selectKey((key, outcome) -> ((Outcome.Failed<T>) outcome).deadLetter().key(),
                        Named.as("key-dead-letters-" + step));
        keyed.processValues(() -> new DeadLetterProcessor<T>(config.pipelineVersion()),
                        Named.as("dead-letter-" + step))
                .to(config.topics().deadLetters(), Produced.with(Serdes.String(), Serdes.ByteArray())
                        .withName(SINK_DEAD_LETTERS_PREFIX + step));
    }

    private static <T> T unwrap(Outcome<T> outcome) {
        if (outcome instanceof Outcome.Ok<T> ok) {
            return ok.value();
        }
        throw new IllegalStateException("accepted branch received a failed outcome");
    }

    private static EnrichedArticle assemble(Working working, String pipelineVersion, Clock clock) {
        ArticleEnvelope envelope = working.envelope();
        EnrichedArticle article = EnrichedArticles.from(envelope.getArticle(), envelope.getContentHash(),
                envelope.getRevision(), working.document(), pipelineVersion, clock.instant(),
                envelope.getNormaliseMicros() + working.elapsedMicros());
        if (envelope.getDuplicateOf() != null) {
            article.setDuplicateOf(envelope.getDuplicateOf());
            article.setSimilarity(envelope.getSimilarity());
        }
        return article;
    }
}
