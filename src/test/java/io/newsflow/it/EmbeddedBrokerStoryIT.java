package io.newsflow.it;

import static io.newsflow.it.KafkaTestSupport.RAW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.newsflow.schema.RawArticle;
import io.newsflow.serde.AvroJson;
import io.newsflow.serde.SerdeFactory;
import io.newsflow.topology.StoryTopologyTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Story clustering on the embedded KRaft broker: two independently written reports of one event, written to
 * different input partitions, end in one story, read back through the REST API ({@code /api/articles/{id}/story}
 * and {@code /api/stories/{id}}); an unrelated article is not in it.
 */
class EmbeddedBrokerStoryIT {

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = new EmbeddedBrokerExtension();

    private static final KnowledgeBase KB = KnowledgeBase.bundled();

    @TempDir
    Path tmp;

    @Test
    void twoReportsOfOneEventOnDifferentPartitionsShareAStoryInTheApi() throws Exception {
        String run = "st-" + UUID.randomUUID().toString().substring(0, 8);
        Topics topics = new Topics(run + "-articles", run + "-enriched", run + "-dlq", run + "-alerts",
                run + "-mentions");
        TopicCreator.ensure(BROKER.bootstrapServers(), topics.all(), 3, (short) 1, Map.of());
        RuntimeConfig runtime = new RuntimeConfig(BROKER.bootstrapServers(), run, tmp.resolve("state"),
                RuntimeConfig.DEFAULT_GUARANTEE, null, 1, 3, (short) 1,
                Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000"));
        Alerting alerting = Alerting.of(new AlertEvaluator(KB), WatchlistSource.fixed(Watchlist.parse(
                "rules: [{name: lavrov-quoted, type: QUOTED, leaders: [\"Sergey Lavrov\"]}]", true, KB, "it")));
        Instant published = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(3));
        RawArticle first = RawArticle.newBuilder().setId(run + "-first").setTitle(StoryTopologyTest.PRISONERS_TITLE)
                .setBody(StoryTopologyTest.PRISONERS).setPublishedAt(published).setUrl("https://a.example.org/1")
                .setSource("Example Wire").setIngestedAt(Instant.now()).build();
        RawArticle second = RawArticle.newBuilder().setId(run + "-second")
                .setTitle(StoryTopologyTest.PRISONERS_OTHER_TITLE).setBody(StoryTopologyTest.PRISONERS_OTHER)
                .setPublishedAt(published.plus(Duration.ofHours(2))).setUrl("https://b.example.net/2")
                .setSource("Example Daily").setIngestedAt(Instant.now()).build();
        RawArticle unrelated = RawArticle.newBuilder().setId(run + "-concert").setTitle("Orchestra opens its season")
                .setBody("The city orchestra opened its season on Saturday with a new symphony by a young composer, "
                        + "and the concert hall was full for the first time since its renovation.")
                .setPublishedAt(published).setIngestedAt(Instant.now()).build();
        HttpClient http = HttpClient.newHttpClient();
        try (NewsflowApp app = NewsflowApp.start(new NewsflowApp.Settings(runtime, PipelineConfig.defaults(topics),
                PipelineStages.named(List.of("language", "entities")), alerting, SerdeFactory.singleObject(),
                "127.0.0.1", 0, "127.0.0.1", Clock.systemUTC()));
             KafkaProducer<String, byte[]> producer = KafkaTestSupport.producer(BROKER.bootstrapServers())) {
            String base = "http://127.0.0.1:" + app.httpPort();
            producer.send(new ProducerRecord<>(topics.articles(), 0, first.getId(),
                    RAW.encode(topics.articles(), first))).get();
            HttpResponse<String> before = get(http, base + "/api/articles/" + first.getId() + "/story");
            assertThat(before.statusCode()).as("an article in no story yet").isEqualTo(200);
            assertThat(AvroJson.mapper().readTree(before.body()).path("storyId").isNull()).isTrue();
            await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(storyId(http, base, first))
                    .isEqualTo(first.getId()));
            producer.send(new ProducerRecord<>(topics.articles(), 2, second.getId(),
                    RAW.encode(topics.articles(), second))).get();
            producer.send(new ProducerRecord<>(topics.articles(), 1, unrelated.getId(),
                    RAW.encode(topics.articles(), unrelated))).get();

            await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(storyId(http, base, second))
                    .isEqualTo(first.getId()));
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(storyId(http, base, unrelated))
                    .isEqualTo(unrelated.getId()));

            HttpResponse<String> r = get(http, base + "/api/stories/" + first.getId());
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode story = AvroJson.mapper().readTree(r.body());
            assertThat(story.path("articles").findValuesAsText("articleId"))
                    .as("oldest first, the unrelated article apart").containsExactly(first.getId(), second.getId());
            assertThat(story.path("articles").get(0).path("publishedAt").asText()).isEqualTo(published.toString());
            assertThat(story.path("articles").get(1).path("similarity").asDouble())
                    .isGreaterThanOrEqualTo(PipelineConfig.DEFAULT_STORY_SIMILARITY);
            assertThat(get(http, base + "/api/stories/" + run + "-nothing").statusCode()).isEqualTo(404);
        }
    }

    /** The story id the API gives for an article, or null while it is in none. */
    private static String storyId(HttpClient http, String base, RawArticle article) throws Exception {
        HttpResponse<String> r = get(http, base + "/api/articles/" + article.getId() + "/story");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode storyId = AvroJson.mapper().readTree(r.body()).path("storyId");
        return storyId.isNull() ? null : storyId.asText();
    }

    private static HttpResponse<String> get(HttpClient http, String uri) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
