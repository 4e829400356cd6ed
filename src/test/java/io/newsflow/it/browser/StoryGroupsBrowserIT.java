package io.newsflow.it.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newsflow.alert.AlertEvaluator;
import io.newsflow.alert.Alerting;
import io.newsflow.alert.Watchlist;
import io.newsflow.alert.WatchlistSource;
import io.newsflow.app.NewsflowApp;
import io.newsflow.broker.TopicCreator;
import io.newsflow.config.PipelineConfig;
import io.newsflow.config.RuntimeConfig;
import io.newsflow.config.Topics;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.enrich.kb.KnowledgeBase;
import io.newsflow.it.EmbeddedBrokerExtension;
import io.newsflow.schema.RawArticle;
import io.newsflow.serde.RecordCodec;
import io.newsflow.serde.SerdeFactory;
import io.newsflow.topology.StoryTopologyTest;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live page groups the cards of one story in headless Chromium: two reports of one event end in one group, an
 * unrelated article stays a plain card, and the group header names the first article as text.
 */
class StoryGroupsBrowserIT {

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = new EmbeddedBrokerExtension();

    /** Markup in a headline is removed by normalisation; a bare ampersand must come out as text. */
    private static final String TITLE = "Lavrov & Fidan: <b>prisoner exchange</b> agreed in Antalya";

    @TempDir
    Path tmp;

    @BeforeEach
    void needsChromium() {
        HeadlessChrome.assumeAvailable();
    }

    @Test
    void cardsOfOneStoryAreGroupedAndOthersAreNot() throws Exception {
        Topics topics = new Topics("story-page-articles", "story-page-enriched", "story-page-dlq",
                "story-page-alerts", "story-page-mentions");
        TopicCreator.ensure(BROKER.bootstrapServers(), topics.all(), 2, (short) 1, Map.of());
        KnowledgeBase kb = KnowledgeBase.bundled();
        RuntimeConfig runtime = new RuntimeConfig(BROKER.bootstrapServers(), "story-page-it", tmp.resolve("state"),
                RuntimeConfig.DEFAULT_GUARANTEE, null, 1, 2, (short) 1, Map.of());
        Alerting alerting = Alerting.of(new AlertEvaluator(kb), WatchlistSource.fixed(Watchlist.defaults(kb)));
        Instant published = Instant.now().minus(Duration.ofHours(2));
        List<RawArticle> articles = List.of(
                RawArticle.newBuilder().setId("story-1").setTitle(TITLE).setBody(StoryTopologyTest.PRISONERS)
                        .setPublishedAt(published).build(),
                RawArticle.newBuilder().setId("other-1").setTitle("Orchestra opens its season")
                        .setBody("The city orchestra opened its season on Saturday with a new symphony by a young "
                                + "composer, and the concert hall was full for the first time since its renovation.")
                        .setPublishedAt(published).build(),
                RawArticle.newBuilder().setId("story-2").setTitle(StoryTopologyTest.PRISONERS_OTHER_TITLE)
                        .setBody(StoryTopologyTest.PRISONERS_OTHER).setPublishedAt(published.plusSeconds(600))
                        .build());
        try (NewsflowApp app = NewsflowApp.start(new NewsflowApp.Settings(runtime, PipelineConfig.defaults(topics),
                PipelineStages.named(List.of("language", "entities"), kb), alerting, SerdeFactory.singleObject(),
                "127.0.0.1", 0, "127.0.0.1", Clock.systemUTC()));
             HeadlessChrome chrome = HeadlessChrome.start()) {
            chrome.open(URI.create("http://127.0.0.1:" + app.httpPort() + "/"));
            await().atMost(30, TimeUnit.SECONDS).until(() -> chrome.count("#status[data-state='live']") == 1);
            RecordCodec<RawArticle> codec = new RecordCodec<>(SerdeFactory.singleObject(), RawArticle.class);
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers());
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                    new ByteArraySerializer())) {
                for (int i = 0; i < articles.size(); i++) {
                    RawArticle a = articles.get(i);
                    producer.send(new ProducerRecord<>(topics.articles(), i % 2, a.getId(),
                            codec.encode(topics.articles(), a))).get();
                }
            }

            await().atMost(2, TimeUnit.MINUTES).until(() -> chrome.count("#articles li.article") == 3);
            await().atMost(1, TimeUnit.MINUTES).until(() ->
                    chrome.count("#articles li.story-group[data-story-id='story-1'] li.article") == 2);
            assertThat(chrome.count("#articles li.story-group")).isEqualTo(1);
            assertThat(chrome.count("#articles > li.article[data-article-id='other-1']"))
                    .as("the unrelated article stays a plain card").isEqualTo(1);
            assertThat(chrome.text("#articles li.story-group .story-header"))
                    .contains("2 articles").contains("first: Lavrov & Fidan: prisoner exchange agreed in Antalya");
            assertThat(chrome.count("#articles li.story-group b")).as("the headline is text, not markup").isZero();
            assertThat(chrome.consoleErrors()).allMatch(e -> e.contains("/api/trending?") && e.contains("status of 503"));
        }
    }
}
