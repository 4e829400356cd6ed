package io.newsflow.cli;

import io.newsflow.broker.TopicCreator;
import io.newsflow.config.PipelineConfig;
import io.newsflow.config.RuntimeConfig;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.app.NewsflowApp;
import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The long-running pipeline. Stops cleanly on SIGTERM or Ctrl-C: commits, closes state stores, stops the broker. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the pipeline, the alert tiers and the HTTP API until stopped (SIGTERM / Ctrl-C). Without --bootstrap-servers an embedded broker is started.")
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    KafkaOptions kafka;

    @Mixin
    ServeOptions serve;

    @Mixin
    EnrichmentOptions enrichment;

    @Option(names = "--create-topics", defaultValue = "true", negatable = true,
            description = "Create missing topics at start-up. Default: ${DEFAULT-VALUE}.")
    boolean createTopics;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PipelineStages stages = serve.role == NewsflowApp.Role.FAST_ALERTS
                ? PipelineStages.named(List.of()) : enrichment.pipelineStages();
        Cluster cluster = kafka.cluster(kafka.brokerDataDir, kafka.brokerPort);
        AtomicBoolean closed = new AtomicBoolean();
        NewsflowApp runner;
        try {
            if (createTopics) {
                cluster.ensureTopics(kafka.topics(), kafka.partitions, kafka.replicationFactor);
            }
            RuntimeConfig runtime = kafka.runtimeConfig().withBootstrapServers(cluster.bootstrapServers());
            PipelineConfig pipeline = kafka.pipelineConfig();
            if (serve.role != NewsflowApp.Role.FAST_ALERTS) {
                OptionalInt topicMax = TopicCreator.maxMessageBytes(cluster.clients(), kafka.topicEnriched);
                if (topicMax.isPresent() && topicMax.getAsInt() < pipeline.maxEnrichedRecordBytes()) {
                    LOG.info("enriched records over {} bytes (max.message.bytes of {}) will be dead-lettered",
                            topicMax.getAsInt(), kafka.topicEnriched);
                    pipeline = pipeline.withMaxEnrichedRecordBytes(topicMax.getAsInt());
                }
            }
            runner = NewsflowApp.start(new NewsflowApp.Settings(runtime, pipeline, stages,
                    serve.alerting(enrichment.knowledgeBase()), kafka.serdes(), serve.httpHost,
                    serve.httpPort, serve.advertisedHost, Clock.systemUTC(), serve.role, serve.httpOptions()));
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        Thread shutdown = new Thread(() -> {
            if (closed.compareAndSet(false, true)) {
                runner.close(Duration.ofSeconds(30));
                cluster.close();
            }
        }, "newsflow-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        if (serve.role == NewsflowApp.Role.FAST_ALERTS) {
            out.printf("newsflow running: fast alert tier only, %s -> %s, broker %s%s%n", kafka.topicArticles,
                    kafka.topicAlerts, cluster.bootstrapServers(), cluster.embedded() ? " (embedded)" : "");
        } else {
            out.printf("newsflow running: %s -> %s (dead letters: %s), stages %s, broker %s%s, %s framing%n",
                    kafka.topicArticles, kafka.topicEnriched, kafka.topicDlq, stages.stageNames(),
                    cluster.bootstrapServers(), cluster.embedded() ? " (embedded)" : "", kafka.serdes().framing());
        }
        if (serve.alerts && serve.role != NewsflowApp.Role.FAST_ALERTS) {
            out.printf("alerts: %s (%sfull tier %s), mentions: %s%n", kafka.topicAlerts,
                    serve.role == NewsflowApp.Role.ALL ? "fast tier at-least-once, " : "fast tier in another process, ",
                    kafka.processingGuarantee, kafka.topicMentions);
        }
        if (runner.httpPort() > 0 && serve.role == NewsflowApp.Role.FAST_ALERTS) {
            out.printf("metrics: http://%s:%d/metrics%n", serve.advertisedHost, runner.httpPort());
        } else if (runner.httpPort() > 0) {
            out.printf("live page: http://%s:%d/  (API: /api/..., SSE: /stream/alerts, /stream/articles)%n",
                    serve.advertisedHost, runner.httpPort());
        }
        out.flush();
        runner.awaitStop();
        if (closed.compareAndSet(false, true)) {
            Runtime.getRuntime().removeShutdownHook(shutdown);
            runner.close(Duration.ofSeconds(30));
            cluster.close();
            return 1;
        }
        return 0;
    }
}
