package io.newsflow.app;

import com.sun.net.httpserver.HttpServer;
import io.newsflow.alert.Alerting;
import io.newsflow.config.KafkaClients;
import io.newsflow.config.PipelineConfig;
import io.newsflow.config.RuntimeConfig;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.metrics.MetricsServer;
import io.newsflow.metrics.StreamsMetricsBinding;
import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.LeaderAlert;
import io.newsflow.serde.RecordCodec;
import io.newsflow.serde.SerdeFactory;
import io.newsflow.topology.FastAlertTopology;
import io.newsflow.topology.NewsflowTopology;
import io.newsflow.topology.PipelineRunner;
import io.newsflow.web.HttpApi;
import io.newsflow.web.HttpOptions;
import io.newsflow.web.StateQueries;
import io.newsflow.web.TopicFeed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running application: the enrichment pipeline (exactly-once by default, with the full alert tier and the
 * query stores), the fast alert tier (a second Kafka Streams application, at-least-once with de-duplicated
 * alerts, tuned for latency), and the HTTP API with live streams and the live page. Start with
 * {@link #start(Settings)}; {@link #close()} stops everything in reverse order. Thread-safe.
 */
public final class NewsflowApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NewsflowApp.class);

    /** Suffix of the fast tier's application id. */
    public static final String FAST_SUFFIX = "-fast";

    /**
     * How to run.
     *
     * @param alerting alert rules and serving settings; null runs the enrichment pipeline alone
     * @param httpHost interface the HTTP API binds to
     * @param httpPort HTTP port, 0 = any free port, negative = no HTTP API
     * @param advertisedHost host name other instances use to reach this one ({@code application.server})
     * @param role which parts this process runs
     * @param http the HTTP API's token, CORS origin and limits
     */
    public record Settings(RuntimeConfig runtime, PipelineConfig pipeline, PipelineStages stages, Alerting alerting,
                           SerdeFactory serdes, String httpHost, int httpPort, String advertisedHost, Clock clock,
                           Role role, HttpOptions http) {
        public Settings {
            Objects.requireNonNull(http, "http");
            Objects.requireNonNull(runtime, "runtime");
            Objects.requireNonNull(pipeline, "pipeline");
            Objects.requireNonNull(stages, "stages");
            Objects.requireNonNull(serdes, "serdes");
            Objects.requireNonNull(role, "role");
            if (role == Role.FAST_ALERTS && alerting == null) {
                throw new IllegalArgumentException("the fast-alerts role needs alerting");
            }
        }

        /** The HTTP API without a token or CORS, with the default limits. */
        public Settings(RuntimeConfig runtime, PipelineConfig pipeline, PipelineStages stages, Alerting alerting,
                        SerdeFactory serdes, String httpHost, int httpPort, String advertisedHost, Clock clock,
                        Role role) {
            this(runtime, pipeline, stages, alerting, serdes, httpHost, httpPort, advertisedHost, clock, role,
                    HttpOptions.defaults());
        }

        /** Every part in one process. */
        public Settings(RuntimeConfig runtime, PipelineConfig pipeline, PipelineStages stages, Alerting alerting,
                        SerdeFactory serdes, String httpHost, int httpPort, String advertisedHost, Clock clock) {
            this(runtime, pipeline, stages, alerting, serdes, httpHost, httpPort, advertisedHost, clock, Role.ALL);
        }
    }

    /**
     * Which parts a process runs. The fast tier is light and latency-critical; enrichment is CPU-heavy. On a small
     * machine, running the fast tier in its own process ({@code FAST_ALERTS}) next to a {@code PIPELINE} process
     * keeps the enrichment's CPU and GC load off the alert path.
     */
    public enum Role {
        /** Enrichment, full alert tier, fast alert tier and HTTP API. */
        ALL,
        /** Enrichment, full alert tier and HTTP API. */
        PIPELINE,
        /** The fast alert tier only. */
        FAST_ALERTS
    }

    private final PipelineRunner pipeline;
    private final PipelineRunner fast;
    private final TopicFeed<LeaderAlert> alertFeed;
    private final TopicFeed<EnrichedArticle> articleFeed;
    private final HttpApi http;
    private final MetricsServer metricsOnly;
    private final StreamsMetricsBinding pipelineMetrics;
    private final StreamsMetricsBinding fastMetrics;

    private NewsflowApp(PipelineRunner pipeline, PipelineRunner fast, TopicFeed<LeaderAlert> alertFeed,
                        TopicFeed<EnrichedArticle> articleFeed, HttpApi http, MetricsServer metricsOnly,
                        RuntimeConfig runtime) {
        this.pipeline = pipeline;
        this.fast = fast;
        this.alertFeed = alertFeed;
        this.articleFeed = articleFeed;
        this.http = http;
        this.metricsOnly = metricsOnly;
        this.pipelineMetrics = pipeline == null ? null
                : StreamsMetricsBinding.bind(pipeline.streams(), runtime.applicationId());
        this.fastMetrics = fast == null ? null
                : StreamsMetricsBinding.bind(fast.streams(), fastRuntime(runtime).applicationId());
    }

    /**
     * The enrichment pipeline's runtime settings: those given, with the stage-deadline timeouts and the size limits
     * and dead-letter production handler of {@link PipelineRunner#hardened} (before, {@code run} left them out).
     */
    static RuntimeConfig pipelineRuntime(Settings s, RuntimeConfig runtime) {
        return PipelineRunner.hardened(runtime, s.pipeline(), s.stages());
    }

    /** Starts every part and waits until the stream applications are RUNNING. */
    public static NewsflowApp start(Settings s) {
        HttpServer server = null;
        PipelineRunner pipeline = null;
        PipelineRunner fast = null;
        TopicFeed<LeaderAlert> alertFeed = null;
        TopicFeed<EnrichedArticle> articleFeed = null;
        try {
            RuntimeConfig runtime = s.runtime();
            HostInfo self = null;
            if (s.httpPort() >= 0) {
                server = HttpApi.bind(s.httpHost(), s.httpPort(), s.http());
                self = new HostInfo(s.advertisedHost(), server.getAddress().getPort());
                runtime = runtime.withOverrides(Map.of(StreamsConfig.APPLICATION_SERVER_CONFIG,
                        self.host() + ":" + self.port()));
            }
            if (s.alerting() != null && s.role() != Role.PIPELINE) {
                fast = new PipelineRunner(FastAlertTopology.build(s.pipeline(), s.stages().normalizer(),
                        s.alerting(), s.serdes(), s.clock()), fastRuntime(s.runtime()));
                fast.start(Duration.ofMinutes(2));
            }
            if (s.role() == Role.FAST_ALERTS) {
                // no API in this role: the port serves /metrics and /health only, for Prometheus
                MetricsServer metrics = server == null ? null : MetricsServer.start(server);
                return new NewsflowApp(null, fast, null, null, null, metrics, s.runtime());
            }
            pipeline = new PipelineRunner(NewsflowTopology.build(s.pipeline(), s.stages(), s.alerting(), s.serdes(),
                    s.clock()), pipelineRuntime(s, runtime));
            pipeline.start(Duration.ofMinutes(5));
            HttpApi http = null;
            if (server != null) {
                RecordCodec<LeaderAlert> alerts = new RecordCodec<>(s.serdes(), LeaderAlert.class);
                RecordCodec<EnrichedArticle> articles = new RecordCodec<>(s.serdes(), EnrichedArticle.class);
                KafkaClients clients = KafkaClients.of(runtime);
                alertFeed = new TopicFeed<>(clients, s.pipeline().topics().alerts(),
                        b -> alerts.decode(s.pipeline().topics().alerts(), b), 200, LeaderAlert::getAlertId).start();
                articleFeed = new TopicFeed<>(clients, s.pipeline().topics().enriched(),
                        b -> articles.decode(s.pipeline().topics().enriched(), b), 50, null).start();
                PipelineRunner p = pipeline;
                PipelineRunner f = fast;
                HttpApi.Health health = new HttpApi.Health() {
                    @Override
                    public Map<String, String> states() {
                        Map<String, String> states = new LinkedHashMap<>();
                        states.put("pipeline", p.streams().state().name());
                        if (f != null) {
                            states.put("fastAlerts", f.streams().state().name());
                        }
                        return states;
                    }

                    @Override
                    public boolean ready() {
                        return p.ready() && (f == null || f.ready());
                    }
                };
                http = HttpApi.start(server, new StateQueries(pipeline.streams(), self, Clock.systemUTC()),
                        alertFeed, articleFeed, s.alerting() == null ? null : s.alerting().watchlist(), health,
                        s.http());
            }
            return new NewsflowApp(pipeline, fast, alertFeed, articleFeed, http, null, s.runtime());
        } catch (IOException e) {
            closeQuietly(server, pipeline, fast, alertFeed, articleFeed);
            throw new UncheckedIOException("cannot bind the HTTP API to " + s.httpHost() + ":" + s.httpPort(), e);
        } catch (RuntimeException e) {
            closeQuietly(server, pipeline, fast, alertFeed, articleFeed);
            throw e;
        }
    }

    /**
     * The fast tier's settings: its own application id, at-least-once with a 1 s commit interval (alerts are
     * de-duplicated by id, so a replay after a crash does not repeat them), and no producer linger.
     */
    public static RuntimeConfig fastRuntime(RuntimeConfig runtime) {
        return runtime.withApplicationId(runtime.applicationId() + FAST_SUFFIX)
                .withProcessingGuarantee(StreamsConfig.AT_LEAST_ONCE, 1_000)
                .withOverrides(Map.of(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "0",
                        StreamsConfig.consumerPrefix("fetch.max.wait.ms"), "100"));
    }

    private static void closeQuietly(HttpServer server, PipelineRunner pipeline, PipelineRunner fast,
                                     TopicFeed<?> a, TopicFeed<?> b) {
        if (server != null) {
            server.stop(0);
        }
        for (AutoCloseable c : new AutoCloseable[] {a, b, fast, pipeline}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.warn("while closing after a failed start", e);
                }
            }
        }
    }

    /** The enrichment pipeline, or null in the fast-alerts role. */
    public PipelineRunner pipeline() {
        return pipeline;
    }

    /** The fast tier, or null when alerting is off. */
    public PipelineRunner fastTier() {
        return fast;
    }

    /** The HTTP port (of the API, or in the fast-alerts role of {@code /metrics}), or -1 without one. */
    public int httpPort() {
        return http != null ? http.port() : metricsOnly != null ? metricsOnly.port() : -1;
    }

    /** Blocks until the pipeline (or, in the fast-alerts role, the fast tier) stops. */
    public void awaitStop() throws InterruptedException {
        (pipeline != null ? pipeline : fast).awaitStop();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    public void close(Duration timeout) {
        if (http != null) {
            http.close();
        }
        if (metricsOnly != null) {
            metricsOnly.close();
        }
        if (pipelineMetrics != null) {
            pipelineMetrics.close();
        }
        if (fastMetrics != null) {
            fastMetrics.close();
        }
        if (alertFeed != null) {
            alertFeed.close();
        }
        if (articleFeed != null) {
            articleFeed.close();
        }
        if (fast != null) {
            fast.close(timeout);
        }
        if (pipeline != null) {
            pipeline.close(timeout);
        }
    }
}
