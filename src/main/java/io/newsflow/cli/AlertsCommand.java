package io.newsflow.cli;

import io.newsflow.broker.TopicCreator;
import io.newsflow.config.KafkaClients;
import io.newsflow.delivery.AlertFilter;
import io.newsflow.delivery.DeliveryConfig;
import io.newsflow.delivery.DeliveryOutcome;
import io.newsflow.delivery.RetryPolicy;
import io.newsflow.delivery.WebhookClient;
import io.newsflow.delivery.WebhookDeliverer;
import io.newsflow.delivery.WebhookSender;
import io.newsflow.metrics.MetricsServer;
import io.newsflow.schema.AlertTier;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Leader alerts: delivery to webhooks. */
@Command(name = "alerts", mixinStandardHelpOptions = true, description = "Work with leader alerts (topic news-alerts).",
        subcommands = {AlertsCommand.Deliver.class})
final class AlertsCommand {

    /** {@code alerts deliver}: a long-running consumer that POSTs alerts to a webhook. */
    @Command(name = "deliver", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"POST each leader alert as JSON to a webhook, in order, at least once (Idempotency-Key = alertId). "
                    + "Failed alerts are retried with exponential backoff and full jitter, then written to a dead-letter topic; "
                    + "delivery moves on. Runs until SIGTERM / Ctrl-C (or --idle-timeout).",
                    "Without --bootstrap-servers it connects to the local newsflow broker at 127.0.0.1:<--broker-port> "
                            + "(as publish and tail do); it does not start a broker."})
    static final class Deliver implements Callable<Integer> {

        private static final Logger LOG = LoggerFactory.getLogger(Deliver.class);

        @Option(names = "--webhook", required = true, paramLabel = "URL", description = "Webhook address (http or https).")
        URI webhook;

        @Option(names = "--rules", split = ",", paramLabel = "NAME", description = "Deliver only alerts of these rules. Default: all.")
        List<String> rules = new ArrayList<>();

        @Option(names = "--leaders", split = ",", paramLabel = "QID", description = "Deliver only alerts about these leader ids. Default: all.")
        List<String> leaders = new ArrayList<>();

        @Option(names = "--tiers", split = ",", paramLabel = "TIER", description = "Deliver only these tiers: ${COMPLETION-CANDIDATES}. Default: all.")
        List<AlertTier> tiers = new ArrayList<>();

        @Option(names = "--secret", paramLabel = "SECRET", description = "Sign each request: X-Newsflow-Timestamp (Unix seconds) and X-Newsflow-Signature: sha256=<hex HMAC-SHA256 of timestamp.body>. "
                + "Prefer the variable NEWSFLOW_SECRET to keep it out of the process list.")
        String secret;

        @Option(names = "--max-attempts", defaultValue = "6", description = "Attempts per alert, the first included. Default: ${DEFAULT-VALUE}.")
        int maxAttempts;

        @Option(names = "--initial-backoff", defaultValue = "PT0.5S", description = "Wait before the second attempt (ISO-8601). Default: ${DEFAULT-VALUE}.")
        Duration initialBackoff;

        @Option(names = "--max-backoff", defaultValue = "PT30S", description = "Longest single wait, also the cap on Retry-After. Default: ${DEFAULT-VALUE}.")
        Duration maxBackoff;

        @Option(names = "--connect-timeout", defaultValue = "PT5S", description = "Connection timeout. Default: ${DEFAULT-VALUE}.")
        Duration connectTimeout;

        @Option(names = "--request-timeout", defaultValue = "PT10S", description = "Response timeout per attempt. Default: ${DEFAULT-VALUE}.")
        Duration requestTimeout;

        @Option(names = "--group", defaultValue = DeliveryConfig.DEFAULT_GROUP, description = "Consumer group (one per webhook). Default: ${DEFAULT-VALUE}.")
        String group;

        @Option(names = "--topic-webhook-dlq", defaultValue = DeliveryConfig.DEFAULT_DEAD_LETTER_TOPIC,
                description = "Dead-letter topic for alerts the webhook never accepted. Default: ${DEFAULT-VALUE}.")
        String deadLetterTopic;

        @Option(names = "--auto-offset-reset", defaultValue = "earliest",
                description = "Where a group without committed offsets starts: earliest or latest. Default: ${DEFAULT-VALUE}.")
        String autoOffsetReset;

        @Option(names = "--idle-timeout", defaultValue = "PT0S",
                description = "Stop after this long without alerts (ISO-8601); PT0S = run until stopped. Default: ${DEFAULT-VALUE}.")
        Duration idleTimeout;

        @Option(names = "--create-topics", defaultValue = "true", negatable = true,
                description = "Create the alerts and dead-letter topics when missing. Default: ${DEFAULT-VALUE}.")
        boolean createTopics;

        @Option(names = "--metrics-port", defaultValue = "-1",
                description = "Serve Prometheus metrics (webhook deliveries, retries, failures) on http://HOST:PORT/metrics; 0 = any free port, -1 = none. Default: ${DEFAULT-VALUE}.")
        int metricsPort;

        @Mixin
        KafkaOptions kafka;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            MetricsServer metrics = null;
            if (metricsPort >= 0) {
                try {
                    metrics = MetricsServer.start("0.0.0.0", metricsPort);
                } catch (IOException e) {
                    spec.commandLine().getErr().println("cannot serve metrics on port " + metricsPort + ": " + e);
                    return 2;
                }
                spec.commandLine().getOut().printf("metrics: http://localhost:%d/metrics%n", metrics.port());
            }
            try {
                return deliver();
            } finally {
                if (metrics != null) {
                    metrics.close();
                }
            }
        }

        private int deliver() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String bootstrap = kafka.bootstrapServers == null || kafka.bootstrapServers.isBlank()
                    ? "127.0.0.1:" + kafka.brokerPort : kafka.bootstrapServers;
            WebhookDeliverer deliverer;
            try {
                RetryPolicy policy = new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, RetryPolicy.DEFAULT.multiplier(), true);
                WebhookClient client = new WebhookClient(webhook, secret, connectTimeout, requestTimeout);
                KafkaClients clients = kafka.clients(bootstrap);
                DeliveryConfig config = new DeliveryConfig(bootstrap, kafka.topicAlerts, deadLetterTopic, group,
                        AlertFilter.of(rules, leaders, tiers), autoOffsetReset, idleTimeout, clients.shared());
                if (createTopics) {
                    TopicCreator.ensure(clients, List.of(config.alertsTopic(), config.deadLetterTopic()),
                            kafka.partitions, kafka.replicationFactor,
                            Map.of(config.deadLetterTopic(), Cluster.DEAD_LETTER_CONFIG));
                }
                deliverer = new WebhookDeliverer(config, new WebhookSender(client, policy), outcome -> {
                    if (outcome.kind() != DeliveryOutcome.Kind.SKIPPED) {
                        out.println(outcome.summary());
                        out.flush();
                    }
                }, kafka.serdes());
                out.printf("delivering %s -> %s (group %s, %s, up to %d attempts%s); dead letters: %s; broker %s (%s)%n",
                        config.alertsTopic(), WebhookClient.redacted(webhook), group,
                        config.filter().acceptsAll() ? "all alerts" : "filter " + config.filter().describe(),
                        maxAttempts, client.signs() ? ", signed" : "", deadLetterTopic, bootstrap, clients.securityProtocol());
                out.flush();
            } catch (IllegalArgumentException | IllegalStateException e) {
                err.println("cannot start webhook delivery: " + e.getMessage());
                return 2;
            }
            AtomicBoolean hookRan = new AtomicBoolean();
            CountDownLatch reported = new CountDownLatch(1);
            Thread shutdown = new Thread(() -> {
                hookRan.set(true);
                deliverer.close();
                try {
                    // let the command print its totals before the JVM halts
                    reported.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "newsflow-webhook-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdown);
            int code = 0;
            try {
                deliverer.run();
            } catch (RuntimeException e) {
                LOG.error("webhook delivery failed", e);
                err.println("webhook delivery failed: " + e.getMessage());
                code = 1;
            } finally {
                if (!hookRan.get()) {
                    try {
                        Runtime.getRuntime().removeShutdownHook(shutdown);
                    } catch (IllegalStateException shuttingDown) {
                        LOG.debug("JVM already shutting down");
                    }
                }
            }
            WebhookDeliverer.Totals totals = deliverer.totals();
            out.printf("stopped: %d delivered, %d dead-lettered, %d skipped by the filter%n", totals.delivered(),
                    totals.deadLettered(), totals.skipped());
            out.flush();
            reported.countDown();
            return code;
        }
    }
}
