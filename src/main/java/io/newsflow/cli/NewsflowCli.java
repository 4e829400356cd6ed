package io.newsflow.cli;

import io.newsflow.config.Version;
import io.newsflow.enrich.entity.CrfEntityRecognizer;
import io.newsflow.serde.AvroTrust;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code newsflow.jar}. Command output goes to stdout; logs go to stderr. */
@Command(name = "newsflow", mixinStandardHelpOptions = true, versionProvider = NewsflowCli.VersionProvider.class,
        description = "Event-stream news enrichment on Kafka Streams: named entities linked to Wikidata, quotes with their speakers, stance tags, and real-time leader alerts with an HTTP API, SSE and a live page.",
        footer = "%nEvery option can also be set as an environment variable NEWSFLOW_<OPTION> (e.g. NEWSFLOW_BOOTSTRAP_SERVERS).",
        subcommands = {DemoCommand.class, RunCommand.class, BrokerCommand.class, PublishCommand.class,
                TailCommand.class, AlertsCommand.class, AnnotateCommand.class, EvalCommand.class, TrainCommand.class, BenchCommand.class, KbCommand.class, ReprocessCommand.class, CommandLine.HelpCommand.class})
public final class NewsflowCli {

    private static final Logger LOG = LoggerFactory.getLogger(NewsflowCli.class);

    public static void main(String[] args) {
        if (!CrfEntityRecognizer.compilesHugeMethods().orElse(true)) {
            LOG.warn("started without {} (plain java -jar): the entity stage runs at about two thirds of its speed; "
                    + "start newsflow with bin/newsflow, which sets it", CrfEntityRecognizer.JIT_FLAG);
        }
        System.exit(execute(System.getenv(), args));
    }

    /** Runs the CLI with the given environment (for NEWSFLOW_* defaults) and returns the exit code. */
    public static int execute(Map<String, String> environment, String... args) {
        return commandLine(environment).execute(args);
    }

    /** A configured command line; tests use it to capture output. */
    public static CommandLine commandLine(Map<String, String> environment) {
        AvroTrust.trustGeneratedClasses();
        CommandLine cli = new CommandLine(new NewsflowCli());
        cli.setDefaultValueProvider(new EnvironmentDefaults(environment));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    /** Reports the build version. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"newsflow " + Version.current()};
        }
    }
}
