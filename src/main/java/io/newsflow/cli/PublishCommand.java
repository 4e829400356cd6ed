package io.newsflow.cli;

import io.newsflow.ingest.ArticleReader;
import io.newsflow.ingest.ReadResult;
import io.newsflow.schema.RawArticle;
import io.newsflow.serde.RecordCodec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Publishes articles from JSONL, plain-text and RSS/Atom files or folders; bad items are reported and skipped. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Publish articles from JSONL, plain-text (headline, blank line, body) or RSS/Atom files and folders.")
final class PublishCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Files or folders to publish.")
    List<Path> paths;

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092",
            description = "Kafka bootstrap servers. Default: ${DEFAULT-VALUE} (newsflow broker).")
    String bootstrapServers;

    @Option(names = "--topic-articles", defaultValue = "news-articles", description = "Target topic. Default: ${DEFAULT-VALUE}.")
    String topic;

    @Mixin
    RegistryOptions registry;

    @Mixin
    ClientOptions client;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RecordCodec<RawArticle> codec = new RecordCodec<>(registry.serdes(), RawArticle.class);
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger bad = new AtomicInteger();
        AtomicInteger failedSends = new AtomicInteger();
        AtomicReference<String> sendError = new AtomicReference<>();
        Progress progress = new Progress(err, quiet);
        try (KafkaProducer<String, byte[]> producer = Clients.producer(client.clients(bootstrapServers), "newsflow-publish");
             Stream<ReadResult> items = new ArticleReader().read(paths)) {
            items.forEach(item -> {
                if (!item.isOk()) {
                    bad.incrementAndGet();
                    progress.clear();
                    err.printf("skipped %s: %s%n", item.location(), item.error());
                } else {
                    RawArticle article = item.article();
                    if (article.getIngestedAt() == null) {
                        article.setIngestedAt(Instant.now());
                    }
                    producer.send(new ProducerRecord<>(topic, article.getId(), codec.encode(topic, article)),
                            (meta, e) -> {
                                if (e != null) {
                                    failedSends.incrementAndGet();
                                    sendError.set(e.getMessage());
                                }
                            });
                    sent.incrementAndGet();
                }
                progress.show(sent.get(), bad.get());
            });
            producer.flush();
        }
        progress.clear();
        int delivered = sent.get() - failedSends.get();
        out.printf("published %d article%s to %s (%d bad item%s skipped%s)%n", delivered, delivered == 1 ? "" : "s",
                topic, bad.get(), bad.get() == 1 ? "" : "s",
                failedSends.get() > 0 ? ", " + failedSends.get() + " failed to send: " + sendError.get() : "");
        if (failedSends.get() > 0) {
            return 1;
        }
        return delivered == 0 && bad.get() > 0 ? 1 : 0;
    }

    /** A one-line progress bar on stderr. */
    private static final class Progress {
        private final PrintWriter err;
        private final boolean quiet;
        private long lastDraw;
        private boolean drawn;

        Progress(PrintWriter err, boolean quiet) {
            this.err = err;
            this.quiet = quiet;
        }

        void show(int sent, int bad) {
            long now = System.nanoTime();
            if (quiet || now - lastDraw < 100_000_000L) {
                return;
            }
            lastDraw = now;
            int cells = (sent / 10) % 21;
            err.printf("\r[%s%s] %d sent, %d bad", "#".repeat(cells), " ".repeat(20 - Math.min(20, cells)), sent, bad);
            err.flush();
            drawn = true;
        }

        void clear() {
            if (drawn) {
                err.print("\r" + " ".repeat(60) + "\r");
                err.flush();
                drawn = false;
            }
        }
    }
}
