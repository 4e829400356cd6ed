package io.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.bench.PathologicalCorpus;
import io.newsflow.enrich.Document.Entity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hostile input of {@link PathologicalCorpus}, at the body limit (200,000 characters), through every stage
 * (the default chain and the opt-in ones) as the topology runs them: each stage under the per-article budget
 * {@link #BUDGET}. Each article must end enriched by every stage, or stopped by the deadline with reason
 * {@code deadline-exceeded}; no other failure, no heap or stack exhaustion, and an output bounded by the input.
 */
class PathologicalInputTest {

    /** The per-stage budget this test states; the pipeline's default deadline is larger (see the README). */
    static final Duration BUDGET = Duration.ofSeconds(2);
    static final int CHARS = 200_000;

    private static PipelineStages stages;

    @BeforeAll
    static void loadStages() {
        List<String> chain = new ArrayList<>(PipelineStages.DEFAULT);
        chain.addAll(PipelineStages.OPT_IN);
        stages = PipelineStages.named(chain);
        Document warm = Document.of("warm", "Warm", PathologicalCorpus.get("plain-news", 2_000).body(), false,
                null, null);
        stages.process(warm);
    }

    static List<String> cases() {
        return PathologicalCorpus.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyStageFinishesOrStopsAtItsDeadlineWithBoundedOutput(String name) {
        PathologicalCorpus.Case c = PathologicalCorpus.get(name, CHARS);
        assertThat(c.body().length()).isLessThanOrEqualTo(CHARS);
        List<Stage> chain = new ArrayList<>();
        chain.add(stages.normalizer());
        chain.addAll(stages.enrichment().stages());
        Document d = Document.of("bad-" + name, "Hostile " + name, c.body(), c.html(), null, null);
        String stoppedAt = null;
        for (Stage stage : chain) {
            try {
                d = StageRunner.run(stage, d, BUDGET);
            } catch (StageException e) {
                assertThat(e.reason()).as("%s in %s", name, stage.name()).isEqualTo("deadline-exceeded");
                assertThat(e.stage()).isEqualTo(stage.name());
                stoppedAt = stage.name();
                break;
            }
        }
        System.out.printf(Locale.ROOT, "pathological %-22s %s%n", name,
                stoppedAt == null ? "enriched" : "deadline-exceeded in " + stoppedAt);
        assertThat(d.body().length()).isLessThanOrEqualTo(c.body().length());
        int tokens = d.stagesRun().contains(stages.normalizer().name()) ? d.layer(Document.Field.BODY).tokens().size()
                : 0;
        int mentions = d.entities().stream().mapToInt(e -> e.mentions().size()).sum();
        assertThat(mentions).isLessThanOrEqualTo(tokens + d.layer(Document.Field.TITLE).tokens().size());
        assertThat(d.entities().stream().map(Entity::id).distinct().count()).isEqualTo(d.entities().size());
        assertThat(d.quotes().size()).isLessThanOrEqualTo(d.body().length() / 2 + 1);
        assertThat(d.stances().size()).isLessThanOrEqualTo(
                4 * (d.layer(Document.Field.BODY).sentences().size() + 1));
        if (stoppedAt == null) {
            assertThat(d.stagesRun()).containsExactlyElementsOf(chain.stream().map(Stage::name).toList());
        }
    }
}
