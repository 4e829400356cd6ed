package io.newsflow.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running inside this JVM from the Kafka
 * server jars. Supports transactions and exactly-once Kafka Streams. With a data directory the broker keeps its
 * data, cluster id and ports across restarts; without one it uses a temporary directory deleted on {@link #close()}.
 *
 * <p>{@link #start()} and {@link #close()} are synchronized; {@link #bootstrapServers()} is safe from any thread
 * once started.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String STATE_FILE = "newsflow-broker.properties";
    private static final String HOST = "127.0.0.1";

    private final Path dataDir;
    private final boolean temporary;
    private final int requestedPort;
    private final int requestedControllerPort;
    private final Map<String, String> overrides;
    private final Duration startTimeout;
    private KafkaRaftServer server;
    private int port;
    private boolean closed;

    private EmbeddedKafkaBroker(Builder b) {
        try {
            this.temporary = b.dataDir == null;
            this.dataDir = temporary ? Files.createTempDirectory("newsflow-kafka-") : b.dataDir.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary broker directory", e);
        }
        this.requestedPort = b.port;
        this.requestedControllerPort = b.controllerPort;
        this.overrides = Map.copyOf(b.overrides);
        this.startTimeout = b.startTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Formats storage when needed and starts the broker; returns when it answers client requests. */
    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) {
            return this;
        }
        if (closed) {
            throw new IllegalStateException("broker already closed");
        }
        long started = System.nanoTime();
        try {
            Files.createDirectories(dataDir);
            Properties state = loadState();
            port = requestedPort != 0 ? requestedPort : intValue(state, "port", freePort());
            int controllerPort = requestedControllerPort != 0 ? requestedControllerPort
                    : intValue(state, "controller.port", freePort());
            String clusterId = state.getProperty("cluster.id", Uuid.randomUuid().toString());
            Map<String, String> props = brokerProperties(port, controllerPort);
            Path logDir = dataDir.resolve("logs");
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(props, clusterId);
            }
            state.setProperty("port", Integer.toString(port));
            state.setProperty("controller.port", Integer.toString(controllerPort));
            state.setProperty("cluster.id", clusterId);
            saveState(state);
            KafkaRaftServer raft = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            raft.startup();
            server = raft;
            awaitReady();
            LOG.info("embedded Kafka broker ready at {} in {} ms (data {})", bootstrapServers(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), dataDir);
            return this;
        } catch (IOException e) {
            stopServer();
            throw new UncheckedIOException("cannot start the embedded broker in " + dataDir, e);
        } catch (RuntimeException e) {
            stopServer();
            throw e;
        }
    }

    /** {@code 127.0.0.1:PORT}; valid after {@link #start()}. */
    public String bootstrapServers() {
        if (port == 0) {
            throw new IllegalStateException("broker not started");
        }
        return HOST + ":" + port;
    }

    /** The data directory. */
    public Path dataDir() {
        return dataDir;
    }

    /** Creates the topics that do not exist yet, with the given partition counts and replication factor 1. */
    public void createTopics(Map<String, Integer> topicPartitions) {
        topicPartitions.forEach((topic, partitions) ->
                TopicCreator.ensure(bootstrapServers(), List.of(topic), partitions, (short) 1, Map.of()));
    }

    /** Stops the broker; deletes the data directory when it was temporary. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopServer();
        if (temporary) {
            deleteRecursively(dataDir);
        }
    }

    private void stopServer() {
        if (server != null) {
            KafkaRaftServer s = server;
            server = null;
            try {
                s.shutdown();
                s.awaitShutdown();
                LOG.info("embedded Kafka broker at {} stopped", HOST + ":" + port);
            } catch (RuntimeException e) {
                LOG.warn("embedded Kafka broker did not shut down cleanly", e);
            }
        }
    }

    private Map<String, String> brokerProperties(int clientPort, int controllerPort) {
        Map<String, String> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + clientPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + clientPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.resolve("logs").toString());
        p.put("num.partitions", "3");
        p.put("auto.create.topics.enable", "false");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.cleaner.dedupe.buffer.size", "2097152");
        p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        p.putAll(overrides);
        return p;
    }

    private void format(Map<String, String> props, String clusterId) throws IOException {
        Path config = dataDir.resolve("format.properties");
        Properties file = new Properties();
        file.putAll(props);
        try (OutputStream out = Files.newOutputStream(config)) {
            file.store(out, "generated by newsflow to format the embedded broker's storage");
        }
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int rc;
        try (PrintStream print = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", config.toString(),
                "--ignore-formatted"}, print);
        }
        String output = captured.toString(StandardCharsets.UTF_8).strip();
        if (rc != 0) {
            throw new IllegalStateException("formatting broker storage failed (" + rc + "): " + output);
        }
        LOG.debug("formatted broker storage: {}", output);
    }

    private void awaitReady() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        long deadline = System.nanoTime() + startTimeout.toNanos();
        try (Admin admin = Admin.create(p)) {
            while (true) {
                try {
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000)).nodes()
                            .get(6, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    LOG.debug("broker not ready yet: {}", e.toString());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("embedded broker at " + bootstrapServers()
                            + " not ready after " + startTimeout);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }

    private Properties loadState() throws IOException {
        Properties p = new Properties();
        Path file = dataDir.resolve(STATE_FILE);
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
        }
        return p;
    }

    private void saveState(Properties state) throws IOException {
        try (OutputStream out = Files.newOutputStream(dataDir.resolve(STATE_FILE))) {
            state.store(out, "embedded broker identity: reused on restart");
        }
    }

    private static int intValue(Properties p, String key, int fallback) {
        String v = p.getProperty(key);
        return v == null ? fallback : Integer.parseInt(v);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.toString());
        }
    }

    /** Settings for {@link EmbeddedKafkaBroker}. Not thread-safe. */
    public static final class Builder {
        private Path dataDir;
        private int port;
        private int controllerPort;
        private final Map<String, String> overrides = new HashMap<>();
        private Duration startTimeout = Duration.ofSeconds(60);

        private Builder() {
        }

        /** Keep data here (reused on restart); null = temporary directory deleted on close. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** Client port; 0 = the port saved in the data directory, else a free one. */
        public Builder port(int clientPort) {
            this.port = clientPort;
            return this;
        }

        /** Controller port; 0 = saved or free. */
        public Builder controllerPort(int port) {
            this.controllerPort = port;
            return this;
        }

        /** Extra broker properties, applied last. */
        public Builder property(String key, String value) {
            overrides.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public EmbeddedKafkaBroker build() {
            return new EmbeddedKafkaBroker(this);
        }
    }
}
