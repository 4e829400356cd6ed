package io.newsflow.cli;

import io.newsflow.tools.kb.KbBuilder;
import io.newsflow.tools.kb.KbUpdater;
import io.newsflow.enrich.kb.KnowledgeBase;
import io.newsflow.enrich.kb.OfficeKind;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Knowledge-base maintenance: build it from the open data sets, or show what the bundled one holds. */
@Command(name = "kb", mixinStandardHelpOptions = true, description = "Build or inspect the knowledge base of leaders, countries and organisations.",
        subcommands = {KbCommand.Build.class, KbCommand.Update.class, KbCommand.Info.class})
final class KbCommand {

    /** {@code kb build}. */
    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Build the knowledge-base resources from shared/data/kb and the curated corrections.")
    static final class Build implements Callable<Integer> {

        @Option(names = "--source", defaultValue = "../shared/data/kb", description = "Open data sets. Default: ${DEFAULT-VALUE}.")
        Path source;

        @Option(names = "--curated", defaultValue = "src/main/kb/curated.json", description = "Curated corrections. Default: ${DEFAULT-VALUE}.")
        Path curated;

        @Option(names = "--out", defaultValue = "src/main/resources/kb", description = "Output directory. Default: ${DEFAULT-VALUE}.")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            KnowledgeBase kb = new KbBuilder().build(source, curated);
            KbBuilder.write(kb, out);
            print(spec.commandLine().getOut(), kb, "built into " + out);
            return 0;
        }
    }

    /** {@code kb update}. */
    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Refresh heads of state and government from a Wikidata SPARQL endpoint and write a knowledge-base directory (use it with --kb-dir).")
    static final class Update implements Callable<Integer> {

        @Option(names = "--endpoint", defaultValue = KbUpdater.WIKIDATA, description = "SPARQL endpoint. Default: ${DEFAULT-VALUE}.")
        URI endpoint;

        @Option(names = "--kb-dir", description = "Knowledge base to start from. Default: the bundled one.")
        Path from;

        @Option(names = "--out", defaultValue = "data/kb", description = "Output directory. Default: ${DEFAULT-VALUE}.")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            KnowledgeBase base = from == null ? KnowledgeBase.bundled() : KnowledgeBase.load(from);
            List<KbUpdater.Holder> holders = new KbUpdater(endpoint).fetch();
            KnowledgeBase updated = KbUpdater.apply(base, holders, LocalDate.now(ZoneOffset.UTC));
            KbBuilder.write(updated, out);
            PrintWriter pw = spec.commandLine().getOut();
            pw.printf("%d current heads of state and government from %s%n", holders.size(), endpoint);
            print(pw, updated, "updated into " + out);
            return 0;
        }
    }

    /** {@code kb info}. */
    @Command(name = "info", mixinStandardHelpOptions = true, description = "Summarise the knowledge base in use.")
    static final class Info implements Callable<Integer> {

        @Option(names = "--kb-dir", description = "Knowledge-base directory overriding the bundled one.")
        Path directory;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            KnowledgeBase kb = directory == null ? KnowledgeBase.bundled() : KnowledgeBase.load(directory);
            print(spec.commandLine().getOut(), kb, directory == null ? "bundled" : directory.toString());
            return 0;
        }
    }

    static void print(PrintWriter out, KnowledgeBase kb, String where) {
        long leaders = kb.persons().stream().filter(p -> p.leader()).count();
        long withQid = kb.persons().stream().filter(p -> p.qid() != null).count();
        long current = kb.persons().stream().filter(p -> p.offices().stream()
                .anyMatch(o -> o.end() == null && (o.kind() == OfficeKind.HEAD_OF_STATE
                        || o.kind() == OfficeKind.HEAD_OF_GOVERNMENT))).count();
        out.printf("knowledge base (%s), data date %s%n", where, kb.dataDate());
        out.printf("  persons: %d (%d leaders, %d with Wikidata QID, %d current heads of state or government)%n",
                kb.persons().size(), leaders, withQid, current);
        out.printf("  countries: %d (%d UN members)%n", kb.countries().size(),
                kb.countries().stream().filter(c -> c.unMember()).count());
        out.printf("  organisations: %d%n", kb.organizations().size());
        out.flush();
    }
}
