package io.newsflow.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the embedded single-node KRaft broker on its own, for other processes. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run the embedded single-node Kafka broker (KRaft) until stopped.")
final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--broker-data-dir", defaultValue = "data/broker", description = "Data directory. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--broker-port", defaultValue = "9092", description = "Client port. Default: ${DEFAULT-VALUE}.")
    int port;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        try (Cluster cluster = Cluster.open((String) null, dataDir, port)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                cluster.close();
                stop.countDown();
            }, "newsflow-broker-shutdown"));
            out.printf("Kafka broker listening on %s (data in %s). Ctrl-C to stop.%n", cluster.bootstrapServers(),
                    dataDir.toAbsolutePath());
            out.flush();
            stop.await();
        }
        return 0;
    }
}
