package io.newsflow.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.alert.AlertEvaluator;
import io.newsflow.alert.Alerting;
import io.newsflow.alert.Watchlist;
import io.newsflow.alert.WatchlistSource;
import io.newsflow.config.PipelineConfig;
import io.newsflow.config.Topics;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.enrich.kb.KnowledgeBase;
import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.RawArticle;
import io.newsflow.schema.internal.StoryArticle;
import io.newsflow.schema.internal.StoryArticles;
import io.newsflow.serde.SerdeFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Story clustering through the whole topology: the step, its stores, copies, corrections, the window, retention. */
public class StoryTopologyTest {

    static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
    static final String RULES = "rules:\n  - {name: quoted, type: QUOTED, leaders: [\"Sergey Lavrov\"]}\n";
    /** Two independently written reports of one (invented) event; shared with the integration test. */
    public static final String PRISONERS_TITLE = "Lavrov and Fidan agree on prisoner exchange in Antalya";
    public static final String PRISONERS = "Sergey Lavrov and Hakan Fidan agreed in Antalya on Friday that Turkey "
            + "would oversee an exchange of prisoners between Russia and Ukraine next month. Fidan said the first "
            + "group of detainees would be handed over at a border crossing under Turkish supervision, and Lavrov "
            + "said Moscow had sent its list of names to Ankara.";
    public static final String PRISONERS_OTHER_TITLE = "Turkey to supervise prisoner swap after Antalya talks";
    public static final String PRISONERS_OTHER = "Turkey will supervise the next exchange of prisoners between "
            + "Russia and Ukraine, Hakan Fidan announced after meeting Sergey Lavrov in Antalya. The detainees are "
            + "to be handed over at a border crossing, and Lavrov said the Russian list of names was already in "
            + "Ankara. Families of prisoners welcomed the exchange but asked for a firm date.";
    static final String PLANT_TITLE = "Reactor fuel delivered to Akkuyu nuclear plant";
    static final String PLANT = "The first shipment of reactor fuel reached the Akkuyu nuclear power station on "
            + "the Mediterranean coast on Saturday, a ceremony attended by Hakan Fidan and Sergey Lavrov by video "
            + "link. Engineers said the uranium assemblies would be loaded into the first unit in spring, and "
            + "that the turbines and cooling systems had passed their final inspections.";

    @TempDir
    Path stateDir;

    private final SerdeFactory serdes = SerdeFactory.singleObject();
    private final Topics topics = Topics.defaults();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> input;
    private TestOutputTopic<String, EnrichedArticle> enriched;

    @BeforeEach
    void start() {
        KnowledgeBase kb = KnowledgeBase.bundled();
        Alerting alerting = Alerting.of(new AlertEvaluator(kb),
                WatchlistSource.fixed(Watchlist.parse(RULES, true, kb, "test")));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "newsflow-story-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(NewsflowTopology.build(PipelineConfig.defaults(topics),
                PipelineStages.named(List.of("language", "entities")), alerting, serdes,
                Clock.fixed(T0, ZoneOffset.UTC)), props);
        input = driver.createInputTopic(topics.articles(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), T0, Duration.ofMinutes(1));
        enriched = driver.createOutputTopic(topics.enriched(), Serdes.String().deserializer(),
                serdes.valueSerde(EnrichedArticle.class).deserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private void publish(String id, String title, String body, Instant publishedAt) {
        RawArticle a = RawArticle.newBuilder().setId(id).setTitle(title).setBody(body).setPublishedAt(publishedAt)
                .setUrl("https://news.example.org/" + id).setSource("site " + id).build();
        input.pipeInput(id, serdes.valueSerde(RawArticle.class).serializer().serialize(topics.articles(), a),
                publishedAt);
    }

    private String storyOf(String articleId) {
        KeyValueStore<String, ValueAndTimestamp<String>> store =
                driver.getTimestampedKeyValueStore(NewsflowTopology.STORE_ARTICLE_STORIES);
        ValueAndTimestamp<String> v = store.get(articleId);
        return v == null ? null : v.value();
    }

    private StoryArticles story(String storyId) {
        KeyValueStore<String, ValueAndTimestamp<StoryArticles>> store =
                driver.getTimestampedKeyValueStore(NewsflowTopology.STORE_STORIES);
        ValueAndTimestamp<StoryArticles> v = store.get(storyId);
        return v == null ? null : v.value();
    }

    @Test
    void twoReportsOfOneEventShareAStoryAndAnotherEventOfTheSamePeopleDoesNot() {
        publish("first", PRISONERS_TITLE, PRISONERS, T0.plus(Duration.ofHours(2)));
        publish("plant", PLANT_TITLE, PLANT, T0.plus(Duration.ofHours(3)));
        publish("second", PRISONERS_OTHER_TITLE, PRISONERS_OTHER, T0.plus(Duration.ofHours(1)));

        assertThat(enriched.readValuesToList()).extracting(EnrichedArticle::getId)
                .containsExactly("first", "plant", "second");
        assertThat(storyOf("first")).isEqualTo("first");
        assertThat(storyOf("second")).as("joins the story of the first article seen").isEqualTo("first");
        assertThat(storyOf("plant")).isEqualTo("plant");
        List<StoryArticle> articles = story("first").getArticles();
        assertThat(articles).extracting(StoryArticle::getArticleId)
                .as("oldest first by publication time").containsExactly("second", "first");
        assertThat(articles.get(0).getSimilarity()).isGreaterThanOrEqualTo(PipelineConfig.DEFAULT_STORY_SIMILARITY);
        assertThat(articles.get(0).getTitle()).isEqualTo(PRISONERS_OTHER_TITLE);
        assertThat(articles.get(1).getSimilarity()).isNull();
        assertThat(story("plant").getArticles()).extracting(StoryArticle::getArticleId).containsExactly("plant");
    }

    @Test
    void aCopyJoinsItsOriginalsStoryAndACorrectionKeepsItsStory() {
        publish("first", PRISONERS_TITLE, PRISONERS, T0);
        publish("copy", "Prisoner swap agreed", "ANTALYA (Wire) — " + PRISONERS + "\nPhoto: the two ministers at "
                + "the seaside hotel where they met.", T0.plus(Duration.ofMinutes(30)));
        publish("second", PRISONERS_OTHER_TITLE, PRISONERS_OTHER, T0.plus(Duration.ofHours(1)));
        publish("second", PRISONERS_OTHER_TITLE, PRISONERS_OTHER + "\nThis report was corrected.",
                T0.plus(Duration.ofHours(1)));

        assertThat(enriched.readValuesToList()).filteredOn(a -> a.getId().equals("copy"))
                .singleElement().satisfies(a -> assertThat(a.getDuplicateOf()).isEqualTo("first"));
        assertThat(storyOf("copy")).isEqualTo("first");
        assertThat(storyOf("second")).isEqualTo("first");
        List<StoryArticle> articles = story("first").getArticles();
        assertThat(articles).extracting(StoryArticle::getArticleId).containsExactly("first", "copy", "second");
        assertThat(articles.get(1).getDuplicateOf()).isEqualTo("first");
        KeyValueStore<String, ValueAndTimestamp<Object>> members =
                driver.getTimestampedKeyValueStore(NewsflowTopology.STORE_STORY_MEMBERS);
        assertThat(members.get("copy")).as("a copy is not remembered for comparison").isNull();
        assertThat(members.get("first")).isNotNull();
    }

    @Test
    void aStoryKeepsItsFirstArticleAndTheNewestUpToTheBound() {
        publish("first", PRISONERS_TITLE, PRISONERS, T0);
        int copies = StoryProcessor.ARTICLES_KEPT + 5;
        for (int i = 1; i <= copies; i++) {
            publish("copy-" + i, "Prisoner swap, update " + i, PRISONERS + "\nUpdate number " + i + " from the desk.",
                    T0.plus(Duration.ofMinutes(i)));
        }
        List<StoryArticle> articles = story("first").getArticles();
        assertThat(articles).hasSize(StoryProcessor.ARTICLES_KEPT);
        assertThat(articles.get(0).getArticleId()).isEqualTo("first");
        assertThat(articles.get(1).getArticleId()).isEqualTo("copy-" + (copies - StoryProcessor.ARTICLES_KEPT + 2));
        assertThat(articles.get(articles.size() - 1).getArticleId()).isEqualTo("copy-" + copies);
        assertThat(storyOf("copy-1")).as("a copy dropped from the list keeps its story").isEqualTo("first");
    }

    @Test
    void theSamePeopleOnTheSameSubjectAfterTheWindowStartANewStory() {
        publish("first", PRISONERS_TITLE, PRISONERS, T0);
        publish("later", PRISONERS_OTHER_TITLE, PRISONERS_OTHER,
                T0.plus(PipelineConfig.DEFAULT_STORY_WINDOW).plus(Duration.ofHours(12)));
        assertThat(storyOf("later")).isEqualTo("later");
        assertThat(story("first").getArticles()).hasSize(1);
    }

    @Test
    void storiesAreForgottenAfterTheRetention() {
        publish("first", PRISONERS_TITLE, PRISONERS, T0);
        publish("unrelated", "Orchestra opens season", "The city orchestra opened its season with a new symphony by "
                + "a young composer, and the hall was full.", T0.plus(PipelineConfig.DEFAULT_DEDUP_RETENTION)
                .plus(Duration.ofHours(1)));
        driver.advanceWallClockTime(Duration.ofMinutes(1));
        publish("unrelated-2", "Orchestra tours", "The city orchestra will tour three countries in spring, its "
                + "director said at a concert.", T0.plus(PipelineConfig.DEFAULT_DEDUP_RETENTION).plus(Duration.ofHours(20)));
        assertThat(storyOf("first")).as("purged by the stream-time punctuation").isNull();
        assertThat(story("first")).isNull();
        assertThat(storyOf("unrelated")).isEqualTo("unrelated");
    }

    @Test
    void theStepAndItsStoresAreNamedAndTheIndexTopicHasOnePartition() {
        KnowledgeBase kb = KnowledgeBase.bundled();
        String description = NewsflowTopology.build(PipelineConfig.defaults(topics), PipelineStages.standard(),
                Alerting.of(new AlertEvaluator(kb), WatchlistSource.fixed(Watchlist.parse(RULES, true, kb,
                        "test"))), serdes, Clock.systemUTC()).describe().toString();
        assertThat(description).contains("Processor: assign-stories", "story-members", "story-person-index",
                "article-stories", "stories", "story-index-repartition").doesNotContain("KSTREAM-");
    }
}
