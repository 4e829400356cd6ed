package io.newsflow.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * newsflow's metrics, in one Prometheus registry per JVM (a Prometheus scrape is per process), exposed as
 * {@code GET /metrics}. Every newsflow meter carries the tag {@code application} (the Kafka Streams application id:
 * {@code newsflow} for the pipeline, {@code newsflow-fast} for the fast tier), so that several applications in one
 * JVM keep apart. Names follow Prometheus conventions once rendered ({@code _total} counters, {@code _seconds}
 * histograms): see the README's Metrics section for the list.
 *
 * <p>Thread-safe: the recording methods may be called from any stream thread; meters are created on first use and
 * cached by the registry.
 */
public final class NewsflowMetrics {

    /** Histogram buckets of the stage and latency timers (Prometheus {@code le} labels). */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private static final PrometheusMeterRegistry REGISTRY = create();

    private NewsflowMetrics() {
    }

    private static PrometheusMeterRegistry create() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    /** The JVM's registry (Kafka binders are bound to it by the application). */
    public static MeterRegistry registry() {
        return REGISTRY;
    }

    /** The Prometheus text exposition of every meter. */
    public static String scrape() {
        return REGISTRY.scrape();
    }

    /** An article record read from the input topic (before parsing: counts unreadable records too). */
    public static void articleRead(String application) {
        counter("newsflow.articles.read", "Article records read from the input topic", application).increment();
    }

    /**
     * An enriched article handed to the output topic; {@code publishedAtMs} is the input record's timestamp (the
     * publish time), {@code nowMs} the wall clock when it left the last stage.
     */
    public static void articleEnriched(String application, long publishedAtMs, long nowMs) {
        counter("newsflow.articles.enriched", "Enriched articles written to the output topic", application)
                .increment();
        if (publishedAtMs > 0 && nowMs >= publishedAtMs) {
            timer("newsflow.publish.to.enriched", "Input record timestamp to enriched result (before the commit)",
                    Tags.of("application", application)).record(nowMs - publishedAtMs, TimeUnit.MILLISECONDS);
        }
    }

    /** A record sent to the dead-letter topic by {@code stage}; {@code errorClass} is reduced to a short class. */
    public static void deadLettered(String application, String stage, String errorClass) {
        Counter.builder("newsflow.articles.dead.lettered")
                .description("Records sent to the dead-letter topic, by stage and reason class")
                .tags("application", application, "stage", stage, "reason", reasonClass(errorClass))
                .register(REGISTRY).increment();
    }

    /** An article dropped as a duplicate; {@code kind} is {@code id} (same id, same body) or {@code body}. */
    public static void duplicateDropped(String application, String kind) {
        Counter.builder("newsflow.articles.duplicates.dropped")
                .description("Articles dropped as duplicates (same id and body, or same body under another id)")
                .tags("application", application, "kind", kind)
                .register(REGISTRY).increment();
    }

    /**
     * A re-sent article ({@code newsflow reprocess}): {@code outcome} is {@code changed} (published as a new
     * revision), {@code unchanged} (not published) or {@code stale} (beyond the retention, or a later revision).
     */
    public static void reprocessed(String application, String outcome) {
        Counter.builder("newsflow.articles.reprocessed")
                .description("Articles re-sent for re-enrichment, by outcome")
                .tags("application", application, "outcome", outcome)
                .register(REGISTRY).increment();
    }

    /** Time one enrichment stage took on one article. */
    public static void stageTime(String application, String stage, long nanos) {
        timer("newsflow.stage.processing", "Time an enrichment stage took on one article",
                Tags.of("application", application, "stage", stage)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** An alert written to the alerts topic. */
    public static void alert(String application, String ruleType, String tier) {
        Counter.builder("newsflow.alerts")
                .description("Leader alerts written to the alerts topic, by rule type and tier")
                .tags("application", application, "rule_type", ruleType, "tier", tier)
                .register(REGISTRY).increment();
    }

    /** Publish (input record timestamp) to fast alert, measured when the fast tier forwards the alert. */
    public static void fastAlertLatency(String application, long publishedAtMs, long nowMs) {
        if (publishedAtMs > 0 && nowMs >= publishedAtMs) {
            timer("newsflow.fast.alert.latency", "Input record timestamp to fast-tier alert",
                    Tags.of("application", application)).record(nowMs - publishedAtMs, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * One alert record handled by webhook delivery: {@code outcome} is {@code delivered}, {@code dead_lettered}
     * or {@code skipped}; {@code attempts} POSTs were made (the retries are the attempts after the first).
     */
    public static void webhookDelivery(String outcome, int attempts) {
        Counter.builder("newsflow.webhook.deliveries").description("Alert records handled by webhook delivery")
                .tags("outcome", outcome).register(REGISTRY).increment();
        if (attempts > 1) {
            Counter.builder("newsflow.webhook.retries").description("Webhook POSTs after the first for one alert")
                    .register(REGISTRY).increment(attempts - 1);
        }
        if (outcome.equals("dead_lettered")) {
            Counter.builder("newsflow.webhook.failures")
                    .description("Alerts not delivered (refused, retries spent or undecodable)")
                    .register(REGISTRY).increment();
        }
    }

    /** {@code org.apache.avro.AvroRuntimeException} → {@code AvroRuntimeException}; codes stay as they are. */
    static String reasonClass(String errorClass) {
        if (errorClass == null || errorClass.isBlank()) {
            return "unknown";
        }
        int dot = errorClass.lastIndexOf('.');
        return dot >= 0 ? errorClass.substring(dot + 1) : errorClass;
    }

    private static Counter counter(String name, String description, String application) {
        return Counter.builder(name).description(description).tag("application", application).register(REGISTRY);
    }

    private static Timer timer(String name, String description, Tags tags) {
        return Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(BUCKETS)
                .register(REGISTRY);
    }
}
