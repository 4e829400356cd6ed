package io.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.enrich.language.LanguageStage;
import io.newsflow.enrich.normalize.NormalizeStage;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnrichmentPipelineTest {

    private static Stage stage(String name, Set<Capability> requires, Set<Capability> provides) {
        return new Stage() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Set<Capability> requires() {
                return requires;
            }

            @Override
            public Set<Capability> provides() {
                return provides;
            }

            @Override
            public Document apply(Document document) {
                return document;
            }
        };
    }

    @Test
    void rejectsAStageWhoseRequirementsAreNotProvidedEarlier() {
        Stage quotes = stage("quotes", Set.of(Capability.ENTITIES), Set.of(Capability.QUOTES));
        assertThatThrownBy(() -> EnrichmentPipeline.of(PipelineStages.AFTER_NORMALIZATION, List.of(quotes)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stage 'quotes' requires [ENTITIES]");
    }

    @Test
    void rejectsTwoStagesProvidingTheSameCapabilityAndDuplicateNames() {
        Stage a = stage("lang-a", Set.of(Capability.NORMALIZED_TEXT), Set.of(Capability.LANGUAGE));
        Stage b = stage("lang-b", Set.of(Capability.NORMALIZED_TEXT), Set.of(Capability.LANGUAGE));
        Stage c = stage("lang-a", Set.of(), Set.of(Capability.ENTITIES));
        assertThatThrownBy(() -> EnrichmentPipeline.of(PipelineStages.AFTER_NORMALIZATION, List.of(a, b)))
                .hasMessageContaining("already provided");
        assertThatThrownBy(() -> EnrichmentPipeline.of(PipelineStages.AFTER_NORMALIZATION, List.of(a, c)))
                .hasMessageContaining("duplicate stage name");
    }

    @Test
    void acceptsAValidChainAndReportsWhatItProvides() {
        Stage entities = stage("entities", Set.of(Capability.LANGUAGE), Set.of(Capability.ENTITIES));
        EnrichmentPipeline chain = EnrichmentPipeline.of(PipelineStages.AFTER_NORMALIZATION,
                List.of(LanguageStage.shared(), entities));
        assertThat(chain.stageNames()).containsExactly("language", "entities");
        assertThat(chain.provided()).contains(Capability.LANGUAGE, Capability.ENTITIES, Capability.NORMALIZED_TEXT);
    }

    @Test
    void pipelineStagesRejectsAChainThatDoesNotStartAfterNormalisation() {
        EnrichmentPipeline fromRaw = EnrichmentPipeline.of(Set.of(Capability.RAW_TEXT), List.of());
        assertThatThrownBy(() -> new PipelineStages(new NormalizeStage(), fromRaw))
                .hasMessageContaining("must start from");
        Stage notANormalizer = stage("x", Set.of(Capability.RAW_TEXT), Set.of(Capability.LANGUAGE));
        assertThatThrownBy(() -> PipelineStages.of(notANormalizer, List.of()))
                .hasMessageContaining("must require only RAW_TEXT and provide NORMALIZED_TEXT");
    }

    @Test
    void stagesAreChosenByNameAndUnknownNamesFailFast() {
        assertThat(PipelineStages.named(List.of("entities", "language")).stageNames())
                .containsExactly("normalize", "entities", "language");
        assertThatThrownBy(() -> PipelineStages.named(List.of("language", "sentiment")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown stage 'sentiment'");
    }

    @Test
    void stagesDoNotMutateTheirInputAndRecordTheirRuns() {
        Document raw = Document.of("a1", "<b>Title</b>", "<p>Le président a parlé de la paix.</p>"
                + "<p>Les ministres se réunissent demain à Bruxelles pour discuter du cessez-le-feu.</p>", true,
                null, null);
        Document out = PipelineStages.standard().process(raw);
        assertThat(raw.body()).startsWith("<p>");
        assertThat(raw.stagesRun()).isEmpty();
        assertThat(raw.language()).isNull();
        assertThat(out.body()).isEqualTo("Le président a parlé de la paix.\n"
                + "Les ministres se réunissent demain à Bruxelles pour discuter du cessez-le-feu.");
        assertThat(out.language().code()).isEqualTo("fr");
        assertThat(out.stagesRun()).containsExactly("normalize", "language", "entities", "quotes", "stances", "quote-stances");
    }

    @Test
    void aFailingStageIsNamedInTheException() {
        Stage broken = new Stage() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public Set<Capability> requires() {
                return Set.of();
            }

            @Override
            public Set<Capability> provides() {
                return Set.of(Capability.STANCES);
            }

            @Override
            public Document apply(Document document) {
                throw new IllegalStateException("model missing");
            }
        };
        EnrichmentPipeline chain = EnrichmentPipeline.of(PipelineStages.AFTER_NORMALIZATION, List.of(broken));
        assertThatThrownBy(() -> chain.apply(Document.of("x", "", "text", false, null, null)))
                .isInstanceOf(StageException.class)
                .hasMessageContaining("model missing")
                .extracting(e -> ((StageException) e).stage()).isEqualTo("broken");
    }
}
