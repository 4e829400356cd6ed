package io.newsflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newsflow.alert.AlertEvaluator;
import io.newsflow.alert.Alerting;
import io.newsflow.alert.Watchlist;
import io.newsflow.alert.WatchlistSource;
import io.newsflow.app.NewsflowApp;
import io.newsflow.broker.TopicCreator;
import io.newsflow.cli.NewsflowCli;
import io.newsflow.config.PipelineConfig;
import io.newsflow.config.RuntimeConfig;
import io.newsflow.config.Topics;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.metrics.NewsflowMetrics;
import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.LeaderAlert;
import io.newsflow.schema.RawArticle;
import io.newsflow.schema.RuleType;
import io.newsflow.serde.SerdeFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code newsflow reprocess} on the embedded broker: articles enriched by a chain without quotes are re-sent after
 * the "upgrade" (the quote stage added, a new pipeline version); the changed ones come out as revision 2 with the
 * new version, a second re-send with the same chain publishes nothing, and no alert id is written twice.
 */
class ReprocessIT {

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = new EmbeddedBrokerExtension();

    @TempDir
    Path tmp;

    @Test
    void reEnrichesChangedArticlesAsNewRevisionsWithoutDuplicateAlerts() throws Exception {
        String run = "reprocess-" + UUID.randomUUID().toString().substring(0, 8);
        Topics topics = new Topics(run + "-articles", run + "-enriched", run + "-dlq", run + "-alerts",
                run + "-mentions");
        TopicCreator.ensure(BROKER.bootstrapServers(), topics.all(), 2, (short) 1, Map.of());
        String appId = run + "-app";
        RuntimeConfig runtime = new RuntimeConfig(BROKER.bootstrapServers(), appId, tmp.resolve("state"),
                RuntimeConfig.DEFAULT_GUARANTEE, null, 1, 2, (short) 1,
                Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000"));
        Alerting alerting = Alerting.of(new AlertEvaluator(ServingScenarios.KB),
                WatchlistSource.fixed(Watchlist.parse(ServingScenarios.RULES, true, ServingScenarios.KB, "it")));
        List<RawArticle> samples = SampleArticles.first(3);
        List<EnrichedArticle> out = new ArrayList<>();

        try (KafkaConsumer<String, byte[]> enriched = KafkaTestSupport.committedReader(BROKER.bootstrapServers(),
                List.of(topics.enriched()))) {
            // before the upgrade: no quote stage
            try (NewsflowApp before = start(runtime, topics, alerting, List.of("language", "entities"), "1.0")) {
                try (KafkaProducer<String, byte[]> producer = KafkaTestSupport.producer(BROKER.bootstrapServers())) {
                    KafkaTestSupport.send(producer, topics.articles(), samples);
                }
                await().atMost(3, TimeUnit.MINUTES).untilAsserted(() -> {
                    read(enriched, topics, out);
                    assertThat(out).hasSize(3);
                });
            }
            assertThat(out).allSatisfy(a -> {
                assertThat(a.getProcessing().getRevision()).isEqualTo(1);
                assertThat(a.getQuotes()).isEmpty();
            });

            // after the upgrade: the quote stage added, a new version; the same application id and state
            try (NewsflowApp after = start(runtime, topics, alerting, List.of("language", "entities", "quotes"),
                    "2.0")) {
                assertThat(reprocess(topics, "PT1H")).contains("re-sent 3 records");
                // counters count processing (at least once each; more if a task migrated): see MetricsIT
                await().atMost(3, TimeUnit.MINUTES).untilAsserted(() -> assertThat(
                        reprocessed(appId, "changed") + reprocessed(appId, "unchanged")).isGreaterThanOrEqualTo(3));
                await().atMost(2, TimeUnit.MINUTES).untilAsserted(() -> {
                    read(enriched, topics, out);
                    assertThat(out).hasSize(6);
                });
                List<EnrichedArticle> revised = out.subList(3, 6);
                assertThat(revised).extracting(EnrichedArticle::getId)
                        .containsExactlyInAnyOrderElementsOf(samples.stream().map(RawArticle::getId).toList());
                assertThat(revised).allSatisfy(a -> {
                    assertThat(a.getProcessing().getRevision()).isEqualTo(2);
                    assertThat(a.getProcessing().getPipelineVersion()).isEqualTo("2.0");
                    assertThat(a.getQuotes()).isNotEmpty();
                });

                // the same chain again: every re-enrichment is unchanged, nothing is published
                double changed = reprocessed(appId, "changed");
                double unchanged = reprocessed(appId, "unchanged");
                assertThat(reprocess(topics, "PT1H")).contains("re-sent 3 records");
                await().atMost(3, TimeUnit.MINUTES).untilAsserted(() ->
                        assertThat(reprocessed(appId, "unchanged") - unchanged).isGreaterThanOrEqualTo(3));
                assertThat(reprocessed(appId, "changed")).isEqualTo(changed);
                read(enriched, topics, out);
                assertThat(out).hasSize(6);

                // alerts: the revisions add QUOTED alerts, but no alert id appears twice (FULL tier: the alerts-sent
                // store; the fast tier skips re-sent records)
                List<LeaderAlert> alerts = new ArrayList<>();
                try (KafkaConsumer<String, byte[]> reader = KafkaTestSupport.committedReader(
                        BROKER.bootstrapServers(), List.of(topics.alerts()))) {
                    await().atMost(2, TimeUnit.MINUTES).untilAsserted(() -> {
                        for (ConsumerRecord<String, byte[]> r : reader.poll(java.time.Duration.ofMillis(200))) {
                            alerts.add(ServingScenarios.ALERTS.decode(topics.alerts(), r.value()));
                        }
                        assertThat(alerts).anyMatch(a -> a.getRuleType() == RuleType.QUOTED);
                    });
                }
                Set<String> ids = new HashSet<>();
                assertThat(alerts).allSatisfy(a -> assertThat(ids.add(a.getAlertId())).as(a.getAlertId()).isTrue());
            }
        }
    }

    private NewsflowApp start(RuntimeConfig runtime, Topics topics, Alerting alerting, List<String> chain,
                              String version) {
        PipelineConfig config = new PipelineConfig(topics, PipelineConfig.DEFAULT_DEDUP_RETENTION,
                PipelineConfig.DEFAULT_MAX_BODY_CHARS, PipelineConfig.DEFAULT_MAX_TITLE_CHARS,
                PipelineConfig.DEFAULT_MAX_RECORD_BYTES, version);
        return NewsflowApp.start(new NewsflowApp.Settings(runtime, config, PipelineStages.named(chain), alerting,
                SerdeFactory.singleObject(), "127.0.0.1", -1, "127.0.0.1", Clock.systemUTC()));
    }

    private String reprocess(Topics topics, String since) {
        CommandLine cli = NewsflowCli.commandLine(Map.of());
        StringWriter text = new StringWriter();
        cli.setOut(new PrintWriter(text));
        int code = cli.execute("reprocess", "--bootstrap-servers", BROKER.bootstrapServers(), "--topic-articles",
                topics.articles(), "--since", since);
        assertThat(code).as(text.toString()).isZero();
        return text.toString();
    }

    private static double reprocessed(String appId, String outcome) {
        return MetricsIT.sum(NewsflowMetrics.scrape(), "newsflow_articles_reprocessed_total",
                "application=\"" + appId + "\"", "outcome=\"" + outcome + "\"");
    }

    private static void read(KafkaConsumer<String, byte[]> consumer, Topics topics, List<EnrichedArticle> into) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(java.time.Duration.ofMillis(200))) {
            into.add(KafkaTestSupport.ENRICHED.decode(topics.enriched(), r.value()));
        }
    }
}
