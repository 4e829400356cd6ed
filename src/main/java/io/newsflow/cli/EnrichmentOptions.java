package io.newsflow.cli;

import io.newsflow.enrich.PipelineStages;
import io.newsflow.enrich.kb.KnowledgeBase;
import io.newsflow.enrich.stance.StanceStage;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options that choose and configure the enrichment chain, shared as a picocli mixin by {@code run}, {@code demo},
 * {@code annotate}, {@code bench} and {@code eval gold}, so every command has the same default chain
 * ({@link PipelineStages#DEFAULT_CHAIN}) and the same knowledge-base and topic overrides. Each option can also be set
 * as a NEWSFLOW_* variable. One instance per command invocation; not thread-safe.
 */
final class EnrichmentOptions {

    @Option(names = "--stages", split = ",", defaultValue = PipelineStages.DEFAULT_CHAIN,
            description = "Enrichment stages to run, in order, after normalisation; add author-stance for the article's own view of the people it names. Default: ${DEFAULT-VALUE}.")
    List<String> stages;

    @Option(names = "--kb-dir", description = "Knowledge-base directory (leaders.json, countries.json, organizations.json) overriding the bundled one, e.g. the output of `kb update`.")
    Path kbDir;

    @Option(names = "--stance-topics", paramLabel = "FILE",
            description = "Stance topic lexicon (YAML or JSON: topic key -> aliases) replacing the built-in one; see config/stance-topics.example.yaml.")
    Path stanceTopics;

    private KnowledgeBase kb;

    /** The knowledge base: {@code --kb-dir} when given, else the bundled one. Loaded once. */
    KnowledgeBase knowledgeBase() {
        if (kb == null) {
            kb = kbDir == null ? KnowledgeBase.bundled() : KnowledgeBase.load(kbDir);
        }
        return kb;
    }

    /** Normalisation and the chosen stages, validated. */
    PipelineStages pipelineStages() {
        return PipelineStages.named(stages == null ? PipelineStages.DEFAULT : stages, knowledgeBase(),
                stanceTopics == null ? null : StanceStage.loadTopics(stanceTopics));
    }
}
