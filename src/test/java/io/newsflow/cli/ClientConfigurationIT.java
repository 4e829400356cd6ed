package io.newsflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.broker.EmbeddedKafkaBroker;
import io.newsflow.delivery.RecordingWebhookServer;
import io.newsflow.delivery.TestAlerts;
import io.newsflow.schema.AlertTier;
import io.newsflow.schema.LeaderAlert;
import io.newsflow.serde.RecordCodec;
import io.newsflow.serde.SerdeFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * One client configuration reaches every Kafka client: the embedded broker gets an SSL-only listener next to its
 * PLAINTEXT one, and each command is pointed at the SSL address with {@code --command-config} holding
 * {@code security.protocol=SSL} and a trust store. A client that missed the configuration would speak PLAINTEXT to
 * the SSL port and the command would fail; besides, a metrics reporter named in the same file records each client's
 * effective configuration, and every client the command builds must show {@code security.protocol=SSL}.
 */
class ClientConfigurationIT {

    private static final String PASSWORD = "newsflow-test";

    @TempDir
    static Path dir;

    private static EmbeddedKafkaBroker broker;
    private static Path clientConfig;

    @BeforeAll
    static void start() throws Exception {
        Path keystore = dir.resolve("broker.p12");
        Path certificate = dir.resolve("broker.cer");
        Path truststore = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", "broker", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(), "-keystore",
                truststore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        broker = EmbeddedKafkaBroker.builder().sslListener(Map.of(
                "ssl.keystore.location", keystore.toString(),
                "ssl.keystore.password", PASSWORD,
                "ssl.key.password", PASSWORD,
                "ssl.keystore.type", "PKCS12")).build().start();
        Properties p = new Properties();
        p.setProperty("security.protocol", "SSL");
        p.setProperty("ssl.truststore.location", truststore.toString());
        p.setProperty("ssl.truststore.password", PASSWORD);
        p.setProperty("ssl.truststore.type", "PKCS12");
        p.setProperty("metric.reporters", RecordingMetricsReporter.class.getName());
        clientConfig = dir.resolve("client.properties");
        try (var out = Files.newBufferedWriter(clientConfig, StandardCharsets.UTF_8)) {
            p.store(out, "newsflow client configuration for ClientConfigurationIT");
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void clear() {
        RecordingMetricsReporter.clear();
    }

    record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cli = NewsflowCli.commandLine(Map.of("NEWSFLOW_COMMAND_CONFIG", clientConfig.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    /** Every recorded client whose id contains one of {@code parts} exists and was configured for SSL. */
    private static void assertSslClients(String... parts) {
        Map<String, Map<String, Object>> configs = RecordingMetricsReporter.configs();
        for (String part : parts) {
            assertThat(configs.keySet()).as("clients built").anyMatch(id -> id.contains(part));
        }
        assertThat(configs).allSatisfy((id, config) -> {
            assertThat(config.get("security.protocol")).as(id).isEqualTo("SSL");
            assertThat(config.get("bootstrap.servers")).as(id).isEqualTo(broker.sslBootstrapServers());
        });
    }

    @Test
    void demoRunsThePipelineBothAlertTiersAndTheFeedsOverSsl() {
        Run demo = run("demo", "--bootstrap-servers", broker.sslBootstrapServers(), "--http-port", "0",
                "--partitions", "1", "--stages", "language");
        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        assertThat(demo.out()).contains("TOTALS:");
        // topic creation, both stream applications (each with consumer, producer and admin), the two SSE feeds,
        // the demo's own producer, collector and admin
        assertSslClients("newsflow-topics", "StreamThread-1-consumer", "StreamThread-1-producer", "-admin",
                "-fast-", "newsflow-feed-news-alerts", "newsflow-feed-news-articles-enriched",
                "newsflow-demo-publish", "newsflow-demo-collector", "newsflow-demo-admin");
        assertThat(RecordingMetricsReporter.configs().keySet()).anyMatch(id -> id.startsWith("newsflow-demo-")
                && id.contains("-fast-") && id.contains("StreamThread"));
    }

    @Test
    void publishTailAndReprocessUseTheClientConfiguration() throws Exception {
        String topic = "ssl-it-articles";
        broker.createTopics(Map.of(topic, 1));
        Path input = dir.resolve("two.jsonl");
        Files.writeString(input, """
                {"id":"ssl-1","title":"Harbour reopens","body":"The old harbour reopened on Monday after repairs to the sea wall."}
                {"id":"ssl-2","title":"Library hours","body":"The city library will stay open later on weekdays from next month."}
                """, StandardCharsets.UTF_8);
        Run publish = run("publish", "--quiet", "--bootstrap-servers", broker.sslBootstrapServers(),
                "--topic-articles", topic, input.toString());
        assertThat(publish.exitCode()).as(publish.out() + publish.err()).isZero();
        assertThat(publish.out()).contains("published 2 articles");
        assertSslClients("newsflow-publish");

        RecordingMetricsReporter.clear();
        Run tail = run("tail", topic, "--bootstrap-servers", broker.sslBootstrapServers(), "--max-records", "2",
                "--idle-timeout", "PT20S");
        assertThat(tail.exitCode()).as(tail.err()).isZero();
        assertThat(tail.out().lines().toList()).hasSize(2).anyMatch(l -> l.contains("Harbour reopens"));
        assertSslClients("newsflow-tail");

        RecordingMetricsReporter.clear();
        Run reprocess = run("reprocess", "--bootstrap-servers", broker.sslBootstrapServers(), "--topic-articles",
                topic, "--from-offset", "0");
        assertThat(reprocess.exitCode()).as(reprocess.out() + reprocess.err()).isZero();
        assertSslClients("newsflow-reprocess");
    }

    @Test
    void alertsDeliverConsumesAndDeadLettersOverSsl() throws Exception {
        String alerts = "ssl-it-alerts";
        broker.createTopics(Map.of(alerts, 1));
        RecordCodec<LeaderAlert> codec = new RecordCodec<>(SerdeFactory.singleObject(), LeaderAlert.class);
        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < 3; i++) {
                LeaderAlert alert = TestAlerts.alert("ssl-alert-" + i, "quoted", "Q" + i, AlertTier.FULL);
                producer.send(new ProducerRecord<>(alerts, alert.getLeaderId(), codec.encode(alerts, alert))).get();
            }
        }
        try (RecordingWebhookServer webhook = RecordingWebhookServer.accepting()) {
            Run deliver = run("alerts", "deliver", "--webhook", webhook.url().toString(), "--bootstrap-servers",
                    broker.sslBootstrapServers(), "--topic-alerts", alerts, "--topic-webhook-dlq", alerts + "-dlq",
                    "--idle-timeout", "PT3S");
            assertThat(deliver.exitCode()).as(deliver.out() + deliver.err()).isZero();
            assertThat(deliver.out()).contains("(SSL)").contains("stopped: 3 delivered");
            assertThat(webhook.requests()).hasSize(3);
        }
        assertSslClients("newsflow-topics", "newsflow-webhook-consumer", "newsflow-webhook-dlq");
    }

    @Test
    void theEmbeddedBrokerRefusesASecurityProtocolItDoesNotSpeak() {
        Run demo = run("demo", "--http-port", "-1");
        assertThat(demo.exitCode()).isNotZero();
        assertThat(demo.err()).contains("embedded broker speaks PLAINTEXT only");
    }
}
