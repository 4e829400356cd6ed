package io.newsflow.cli;

import io.newsflow.config.RuntimeConfig;
import io.newsflow.enrich.PipelineStages;
import io.newsflow.topology.PipelineRunner;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The long-running pipeline. Stops cleanly on SIGTERM or Ctrl-C: commits, closes state stores, stops the broker. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the pipeline until stopped (SIGTERM / Ctrl-C). Without --bootstrap-servers an embedded broker is started.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--create-topics", defaultValue = "true", negatable = true,
            description = "Create missing topics at start-up. Default: ${DEFAULT-VALUE}.")
    boolean createTopics;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PipelineStages stages = kafka.pipelineStages();
        Cluster cluster = Cluster.open(kafka.bootstrapServers, kafka.brokerDataDir, kafka.brokerPort);
        AtomicBoolean closed = new AtomicBoolean();
        PipelineRunner runner;
        try {
            if (createTopics) {
                cluster.ensureTopics(kafka.topics(), kafka.partitions, kafka.replicationFactor);
            }
            RuntimeConfig runtime = kafka.runtimeConfig().withBootstrapServers(cluster.bootstrapServers());
            runner = new PipelineRunner(runtime, kafka.pipelineConfig(), stages, kafka.serdes());
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
        runner.start(Duration.ofMinutes(5));
        out.printf("newsflow running: %s -> %s (dead letters: %s), stages %s, broker %s%s, %s framing%n",
                kafka.topicArticles, kafka.topicEnriched, kafka.topicDlq, stages.stageNames(),
                cluster.bootstrapServers(), cluster.embedded() ? " (embedded)" : "", kafka.serdes().framing());
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
