package io.newsflow.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
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
 * A single-node Kafka broker (KRaft, combined broker and controller, node id 1) running inside this JVM from the
 * Kafka server jars. Clients connect through one PLAINTEXT listener on {@code 127.0.0.1}; the internal topics have
 * replication factor 1, so transactions and {@code exactly_once_v2} Kafka Streams applications work.
 *
 * <p>Without a data directory the broker uses a fresh temporary directory that {@link #close()} deletes. With one,
 * the data is kept: a later broker built on the same directory reuses its storage, cluster id and (unless ports are
 * given explicitly, or a saved port is taken) its ports. Only one running broker may use a directory at a time.
 *
 * <p>An instance is started at most once: {@link #start()} formats the storage when needed and returns once the
 * broker answers client requests; {@link #close()} stops it and is idempotent. {@code start}, {@code close} and
 * {@code createTopics} may be called from any thread; the accessors are safe to call concurrently with them.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final String STORAGE_DIR = "logs";
    private static final String STATE_FILE = "newsflow-broker.properties";
    private static final String LOCK_FILE = "newsflow-broker.lock";
    private static final String META_PROPERTIES = "meta.properties";
    private static final String CLUSTER_ID_KEY = "cluster.id";
    private static final String PORT_KEY = "port";
    private static final String CONTROLLER_PORT_KEY = "controller.port";
    private static final int START_ATTEMPTS = 3;
    private static final Duration ADMIN_CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final long RETRY_BACKOFF_MS = 50;

    /** Settings that define the node's identity and layout; the builder rejects overrides of these. */
    private static final Set<String> RESERVED_PROPERTIES = Set.of(
            "process.roles", "node.id", "broker.id", "listeners", "advertised.listeners",
            "listener.security.protocol.map", "controller.listener.names", "inter.broker.listener.name",
            "controller.quorum.voters", "controller.quorum.bootstrap.servers",
            "log.dir", "log.dirs", "metadata.log.dir");

    private final Path configuredDataDir;
    private final int requestedPort;
    private final int requestedControllerPort;
    private final int defaultPartitions;
    private final Map<String, String> extraProperties;
    private final Duration startTimeout;
    private final Map<String, String> sslListener;

    private volatile Path dataDir;
    private volatile String bootstrapServers;
    private volatile String sslBootstrapServers;
    private volatile String clusterId;
    private volatile int port;
    private volatile int controllerPort;
    private volatile boolean running;
    private KafkaRaftServer server;
    private FileLock dataDirLock;
    private boolean started;
    private boolean closed;

    private EmbeddedKafkaBroker(final Builder builder) {
        this.configuredDataDir = builder.dataDir == null ? null : builder.dataDir.toAbsolutePath().normalize();
        this.requestedPort = builder.port;
        this.requestedControllerPort = builder.controllerPort;
        this.defaultPartitions = builder.defaultPartitions;
        this.extraProperties = Map.copyOf(builder.properties);
        this.startTimeout = builder.startTimeout;
        this.sslListener = builder.sslListener == null ? null : Map.copyOf(builder.sslListener);
        this.dataDir = configuredDataDir;
    }

    /** A builder with defaults: temporary data directory, free ports, 3 partitions for auto-created topics. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats the storage if it is not formatted yet, starts the broker and waits until it answers an Admin
     * {@code describeCluster} request. Returns immediately if already started.
     *
     * @return this broker
     * @throws IllegalStateException if the broker was closed, a port is taken, or it is not ready within the start
     *                               timeout
     * @throws UncheckedIOException  if the data directory cannot be prepared
     */
    public synchronized EmbeddedKafkaBroker start() {
        if (closed) {
            throw new IllegalStateException("embedded Kafka broker already closed");
        }
        if (started) {
            return this;
        }
        final long begin = System.nanoTime();
        try {
            final Path dir = prepareDataDir();
            lockDataDir(dir);
            final Path storage = dir.resolve(STORAGE_DIR);
            final Properties state = readProperties(dir.resolve(STATE_FILE));
            final String id = resolveClusterId(storage, state);
            startServer(dir, storage, state, id);
            awaitReady(begin + startTimeout.toNanos());
            state.setProperty(CLUSTER_ID_KEY, id);
            state.setProperty(PORT_KEY, Integer.toString(port));
            state.setProperty(CONTROLLER_PORT_KEY, Integer.toString(controllerPort));
            writeProperties(dir.resolve(STATE_FILE), state);
            clusterId = id;
            started = true;
            running = true;
            LOG.info("Embedded Kafka broker ready at {} (controller port {}, cluster {}, data {}) in {} ms",
                    bootstrapServers, controllerPort, id, dir, elapsedMillis(begin));
            return this;
        } catch (IOException e) {
            final String location = String.valueOf(dataDir);
            abortStart();
            throw new UncheckedIOException("cannot start the embedded Kafka broker in " + location, e);
        } catch (RuntimeException e) {
            abortStart();
            throw e;
        }
    }

    /**
     * The address clients use, {@code 127.0.0.1:PORT}.
     *
     * @throws IllegalStateException before {@link #start()} has succeeded
     */
    public String bootstrapServers() {
        final String servers = bootstrapServers;
        if (servers == null) {
            throw new IllegalStateException("embedded Kafka broker not started");
        }
        return servers;
    }

    /**
     * The address of the SSL listener, {@code 127.0.0.1:PORT}, when the broker was built with
     * {@link Builder#sslListener(Map)}.
     *
     * @throws IllegalStateException before {@link #start()} has succeeded, or without an SSL listener
     */
    public String sslBootstrapServers() {
        final String servers = sslBootstrapServers;
        if (servers == null) {
            throw new IllegalStateException("embedded Kafka broker has no SSL listener or is not started");
        }
        return servers;
    }

    /** The client (PLAINTEXT) port, or 0 before {@link #start()}. */
    public int port() {
        return port;
    }

    /** The controller listener port, or 0 before {@link #start()}. */
    public int controllerPort() {
        return controllerPort;
    }

    /** The cluster id, or {@code null} before {@link #start()}. */
    public String clusterId() {
        return clusterId;
    }

    /**
     * The data directory: the configured one, or the temporary one once {@link #start()} has created it.
     *
     * @throws IllegalStateException for a temporary broker that has not been started
     */
    public Path dataDir() {
        final Path dir = dataDir;
        if (dir == null) {
            throw new IllegalStateException("temporary data directory not created before start()");
        }
        return dir;
    }

    /** Whether the broker has started and not been closed. */
    public boolean isRunning() {
        return running;
    }

    /**
     * Creates each topic that does not exist yet with the given partition count and replication factor 1, then
     * waits until every requested topic has a leader for each partition. Existing topics are left unchanged.
     *
     * @param topicPartitions topic name to partition count (at least 1)
     * @return the names of the topics this call created
     * @throws IllegalStateException if the broker is not running or a topic cannot be created
     */
    public Set<String> createTopics(final Map<String, Integer> topicPartitions) {
        Objects.requireNonNull(topicPartitions, "topicPartitions");
        final Map<Integer, List<String>> byPartitions = new TreeMap<>();
        topicPartitions.forEach((topic, partitions) -> {
            Objects.requireNonNull(topic, "topic name");
            if (partitions == null || partitions < 1) {
                throw new IllegalArgumentException("topic " + topic + ": partitions must be at least 1, got "
                        + partitions);
            }
            byPartitions.computeIfAbsent(partitions, k -> new ArrayList<>()).add(topic);
        });
        if (byPartitions.isEmpty()) {
            return Set.of();
        }
        if (!running) {
            throw new IllegalStateException("embedded Kafka broker not running");
        }
        final Set<String> created = new LinkedHashSet<>();
        byPartitions.forEach((partitions, topics) ->
                created.addAll(TopicCreator.ensure(bootstrapServers, topics, partitions, (short) 1, Map.of())));
        return created;
    }

    /** Stops the broker and waits for its threads to finish; deletes a temporary data directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        running = false;
        final long begin = System.nanoTime();
        final boolean wasRunning = server != null;
        stopServer();
        if (wasRunning) {
            LOG.info("Embedded Kafka broker at {} stopped in {} ms", bootstrapServers, elapsedMillis(begin));
        }
        unlockDataDir();
        if (configuredDataDir == null && dataDir != null) {
            deleteRecursively(dataDir);
        }
    }

    private Path prepareDataDir() throws IOException {
        if (configuredDataDir == null) {
            if (dataDir == null) {
                dataDir = Files.createTempDirectory("newsflow-kafka-");
            }
        } else {
            Files.createDirectories(configuredDataDir);
        }
        return dataDir;
    }

    /**
     * Kafka locks the storage directory only when the broker side starts, after the controller has already opened
     * the metadata log, so a second broker on the same directory would write to it; this lock is taken first.
     */
    private void lockDataDir(final Path dir) throws IOException {
        final FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        final FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw dataDirInUse(dir, e);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw dataDirInUse(dir, null);
        }
        dataDirLock = lock;
    }

    private static IllegalStateException dataDirInUse(final Path dir, final Exception cause) {
        return new IllegalStateException("data directory " + dir + " is in use by another Kafka broker", cause);
    }

    private void unlockDataDir() {
        final FileLock lock = dataDirLock;
        dataDirLock = null;
        if (lock == null) {
            return;
        }
        try {
            lock.channel().close();
        } catch (IOException e) {
            LOG.warn("Could not release the lock on embedded Kafka data directory {}: {}", dataDir, e.toString());
        }
    }

    private static String resolveClusterId(final Path storage, final Properties state) throws IOException {
        final String formatted = readProperties(storage.resolve(META_PROPERTIES)).getProperty(CLUSTER_ID_KEY);
        if (formatted != null) {
            return formatted;
        }
        return state.getProperty(CLUSTER_ID_KEY, Uuid.randomUuid().toString());
    }

    private void startServer(final Path dir, final Path storage, final Properties state, final String id)
            throws IOException {
        for (int attempt = 1; ; attempt++) {
            final int[] ports = choosePorts(state, attempt == 1);
            final int sslPort = sslListener == null ? 0 : freePort();
            final Map<String, String> config = serverConfig(storage, ports[0], ports[1], sslPort);
            if (!Files.exists(storage.resolve(META_PROPERTIES))) {
                format(dir, config, id);
            }
            final KafkaRaftServer candidate =
                    new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
            port = ports[0];
            controllerPort = ports[1];
            bootstrapServers = HOST + ":" + ports[0];
            sslBootstrapServers = sslListener == null ? null : HOST + ":" + sslPort;
            server = candidate;
            try {
                candidate.startup();
                return;
            } catch (RuntimeException e) {
                stopServer();
                final boolean portsChosenHere = requestedPort == 0 || requestedControllerPort == 0;
                if (isBindFailure(e) && portsChosenHere && attempt < START_ATTEMPTS) {
                    LOG.warn("Embedded Kafka broker could not bind {} or controller port {}; retrying with new "
                            + "ports", bootstrapServers, ports[1]);
                    continue;
                }
                throw new IllegalStateException("embedded Kafka broker failed to start on " + bootstrapServers
                        + " (controller port " + ports[1] + ", data " + dir + "): " + e.getMessage(), e);
            }
        }
    }

    /** Returns {client port, controller port}: requested ones, else saved free ones (first try only), else new. */
    private int[] choosePorts(final Properties state, final boolean firstAttempt) throws IOException {
        final int client = resolvePort(requestedPort, state, PORT_KEY, firstAttempt);
        final int controller = resolvePort(requestedControllerPort, state, CONTROLLER_PORT_KEY, firstAttempt);
        if (client != 0 && client == controller) {
            throw new IllegalStateException("broker and controller ports must differ, both are " + client);
        }
        if (client != 0 && controller != 0) {
            return new int[] {client, controller};
        }
        try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getByName(HOST));
             ServerSocket second = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return new int[] {client != 0 ? client : first.getLocalPort(),
                controller != 0 ? controller : second.getLocalPort()};
        }
    }

    private static int resolvePort(final int requested, final Properties state, final String key,
                                   final boolean firstAttempt) {
        if (requested != 0) {
            if (!isFree(requested)) {
                throw new IllegalStateException("port " + requested + " on " + HOST + " is already in use");
            }
            return requested;
        }
        final String saved = state.getProperty(key);
        if (saved == null || !firstAttempt) {
            return 0;
        }
        final int savedPort = Integer.parseInt(saved.trim());
        if (isFree(savedPort)) {
            return savedPort;
        }
        LOG.warn("Saved embedded Kafka {} {} is in use; choosing a new one", key, savedPort);
        return 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private Map<String, String> serverConfig(final Path storage, final int clientPort, final int quorumPort,
                                             final int sslPort) {
        final Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", Integer.toString(NODE_ID));
        config.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + quorumPort);
        config.put("listeners", "PLAINTEXT://" + HOST + ":" + clientPort + ",CONTROLLER://" + HOST + ":" + quorumPort);
        config.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + clientPort);
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("log.dirs", storage.toString());
        config.put("num.partitions", Integer.toString(defaultPartitions));
        config.put("auto.create.topics.enable", "false");
        config.put("default.replication.factor", "1");
        config.put("min.insync.replicas", "1");
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "5");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "5");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("share.coordinator.state.topic.num.partitions", "5");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("log.cleaner.dedupe.buffer.size", "2097152");
        config.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        config.put("log.index.size.max.bytes", Integer.toString(1024 * 1024));
        if (sslListener != null) {
            config.put("listeners", config.get("listeners") + ",SSL://" + HOST + ":" + sslPort);
            config.put("advertised.listeners", config.get("advertised.listeners") + ",SSL://" + HOST + ":" + sslPort);
            config.put("listener.security.protocol.map", config.get("listener.security.protocol.map") + ",SSL:SSL");
            sslListener.forEach((k, v) -> config.put("listener.name.ssl." + k, v));
        }
        config.putAll(extraProperties);
        return config;
    }

    private void format(final Path dir, final Map<String, String> config, final String id) throws IOException {
        final Path configFile = Files.createTempFile(dir, "format-", ".properties");
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            writeProperties(configFile, toProperties(config));
            final int exitCode;
            try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                exitCode = StorageTool.execute(new String[] {"format", "--config", configFile.toString(),
                    "--cluster-id", id, "--ignore-formatted"}, print);
            } catch (Exception e) {
                throw new IllegalStateException("cannot format embedded Kafka storage in " + dir + ": "
                        + e.getMessage(), e);
            }
            final String message = output.toString(StandardCharsets.UTF_8).strip();
            if (exitCode != 0) {
                throw new IllegalStateException("cannot format embedded Kafka storage in " + dir + " (exit code "
                        + exitCode + "): " + message);
            }
            LOG.debug("Formatted embedded Kafka storage for cluster {}: {}", id, message);
        } finally {
            Files.deleteIfExists(configFile);
        }
    }

    private void awaitReady(final long deadlineNanos) {
        Exception lastFailure = null;
        try (Admin admin = Admin.create(adminProperties())) {
            while (true) {
                final long remaining = remainingMillis(deadlineNanos);
                if (remaining <= 0) {
                    break;
                }
                final int callTimeout = (int) Math.min(remaining, 5_000);
                try {
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(callTimeout)).nodes()
                            .get(callTimeout + 1_000L, TimeUnit.MILLISECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException e) {
                    lastFailure = e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
                    LOG.debug("Embedded Kafka broker at {} not ready yet: {}", bootstrapServers, e.getCause());
                } catch (TimeoutException e) {
                    lastFailure = e;
                }
                TimeUnit.MILLISECONDS.sleep(RETRY_BACKOFF_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the embedded Kafka broker at "
                    + bootstrapServers, e);
        }
        throw new IllegalStateException("embedded Kafka broker at " + bootstrapServers
                + " did not answer describeCluster within " + startTimeout, lastFailure);
    }

    private Properties adminProperties() {
        final Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-broker-admin");
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_CALL_TIMEOUT.toMillis());
        properties.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 50);
        properties.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        return properties;
    }

    private void abortStart() {
        stopServer();
        unlockDataDir();
        bootstrapServers = null;
        port = 0;
        controllerPort = 0;
        if (configuredDataDir == null && dataDir != null) {
            deleteRecursively(dataDir);
            dataDir = null;
        }
    }

    private void stopServer() {
        final KafkaRaftServer current = server;
        server = null;
        if (current == null) {
            return;
        }
        try {
            current.shutdown();
            current.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Embedded Kafka broker at {} did not shut down cleanly", bootstrapServers, e);
        }
    }

    private static boolean isBindFailure(final Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isFree(final int candidate) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), candidate), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Properties toProperties(final Map<String, String> map) {
        final Properties properties = new Properties();
        properties.putAll(map);
        return properties;
    }

    private static Properties readProperties(final Path file) throws IOException {
        final Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            }
        }
        return properties;
    }

    private static void writeProperties(final Path file, final Properties properties) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, null);
        }
    }

    private static long remainingMillis(final long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    private static long elapsedMillis(final long beginNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - beginNanos);
    }

    private static void deleteRecursively(final Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete embedded Kafka data directory {}: {}", dir, e.toString());
        }
    }

    /** Settings for an {@link EmbeddedKafkaBroker}. Not thread-safe; {@link #build()} copies the settings. */
    public static final class Builder {

        private Path dataDir;
        private int port;
        private int controllerPort;
        private int defaultPartitions = 3;
        private final Map<String, String> properties = new HashMap<>();
        private Duration startTimeout = Duration.ofSeconds(60);
        private Map<String, String> sslListener;

        private Builder() {
        }

        /** Directory whose data is kept and reused on restart; {@code null} (default) for a temporary one. */
        public Builder dataDir(final Path directory) {
            this.dataDir = directory;
            return this;
        }

        /** Client port; 0 (default) reuses the port saved in the data directory if free, else picks a free one. */
        public Builder port(final int clientPort) {
            this.port = checkPort(clientPort);
            return this;
        }

        /** Controller port; 0 (default) reuses the saved one if free, else picks a free one. */
        public Builder controllerPort(final int quorumPort) {
            this.controllerPort = checkPort(quorumPort);
            return this;
        }

        /** Partitions of topics created without an explicit count (auto-created or via Admin); default 3. */
        public Builder defaultPartitions(final int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("defaultPartitions must be at least 1, got " + partitions);
            }
            this.defaultPartitions = partitions;
            return this;
        }

        /**
         * An extra broker property, applied over the defaults (e.g. {@code auto.create.topics.enable=true}).
         *
         * @throws IllegalArgumentException for listener, quorum, node-id and log-directory settings
         */
        public Builder property(final String key, final String value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            if (RESERVED_PROPERTIES.contains(key)) {
                throw new IllegalArgumentException("broker property " + key + " is managed by EmbeddedKafkaBroker");
            }
            properties.put(key, value);
            return this;
        }

        /** Extra broker properties; see {@link #property(String, String)}. */
        public Builder properties(final Map<String, String> extra) {
            Objects.requireNonNull(extra, "extra").forEach(this::property);
            return this;
        }

        /** Upper bound for {@link EmbeddedKafkaBroker#start()} to wait for readiness; default 60 s. */
        public Builder startTimeout(final Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive, got " + timeout);
            }
            this.startTimeout = timeout;
            return this;
        }

        /**
         * Adds a client listener that speaks SSL on a free port of {@code 127.0.0.1} next to the PLAINTEXT one (which
         * the broker keeps for itself and for tests); {@code settings} are its {@code ssl.*} properties, e.g.
         * {@code ssl.keystore.location}. See {@link EmbeddedKafkaBroker#sslBootstrapServers()}.
         */
        public Builder sslListener(final Map<String, String> settings) {
            Objects.requireNonNull(settings, "settings").keySet().forEach(k -> {
                if (!k.startsWith("ssl.")) {
                    throw new IllegalArgumentException("SSL listener settings must be ssl.* properties, not " + k);
                }
            });
            this.sslListener = Map.copyOf(settings);
            return this;
        }

        /** A new, not yet started broker. */
        public EmbeddedKafkaBroker build() {
            return new EmbeddedKafkaBroker(this);
        }

        private static int checkPort(final int candidate) {
            if (candidate < 0 || candidate > 65_535) {
                throw new IllegalArgumentException("port must be 0-65535, got " + candidate);
            }
            return candidate;
        }
    }
}
