package io.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class StageRunnerTest {

    private static final Document DOC = Document.of("a1", "", "some text", false, null, null);

    private static Stage stage(String name, UnaryOperator<Document> body) {
        return new Stage() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Set<Capability> requires() {
                return Set.of();
            }

            @Override
            public Set<Capability> provides() {
                return Set.of();
            }

            @Override
            public Document apply(Document document) {
                return body.apply(document);
            }
        };
    }

    @Test
    void recordsTheStageRun() {
        Document out = StageRunner.run(stage("tagger", d -> d), DOC);
        assertThat(out.stagesRun()).containsExactly("tagger");
    }

    @Test
    void wrapsAnyRuntimeExceptionNamingTheStageAndKeepsTheOriginalForDeadLetters() {
        IllegalArgumentException cause = new IllegalArgumentException("bad offsets");
        StageException e = catchThrowableOfType(StageException.class,
                () -> StageRunner.run(stage("entities", d -> {
                    throw cause;
                }), DOC));
        assertThat(e.stage()).isEqualTo("entities");
        assertThat(e).hasMessage("IllegalArgumentException: bad offsets").hasCause(cause);
        assertThat(e.errorClass()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(e.reason()).isEqualTo("bad offsets");
    }

    @Test
    void passesAStagesOwnStageExceptionThroughUnchanged() {
        StageException own = new StageException("quotes", "unbalanced quotation marks");
        StageException e = catchThrowableOfType(StageException.class,
                () -> StageRunner.run(stage("quotes", d -> {
                    throw own;
                }), DOC));
        assertThat(e).isSameAs(own);
        assertThat(e.errorClass()).isEqualTo(StageException.class.getName());
        assertThat(e.reason()).isEqualTo("unbalanced quotation marks");
    }
}
