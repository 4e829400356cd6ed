package io.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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

    @Test
    void aStageThatKeepsCheckingItsDeadlineIsStoppedAndDeadLetteredAsDeadlineExceeded() {
        StageException e = catchThrowableOfType(StageException.class,
                () -> StageRunner.run(stage("stances", d -> {
                    while (true) {
                        Deadline.check();
                        Thread.onSpinWait();
                    }
                }), DOC, Duration.ofMillis(50)));
        assertThat(e.stage()).isEqualTo("stances");
        assertThat(e.reason()).isEqualTo("deadline-exceeded");
        assertThat(e.errorClass()).isEqualTo(Deadline.DeadlineExceededException.class.getName());
    }

    @Test
    void aStageThatReturnsAfterItsDeadlineIsDeadLetteredToo() {
        StageException e = catchThrowableOfType(StageException.class,
                () -> StageRunner.run(stage("quotes", d -> {
                    long until = System.nanoTime() + 30_000_000L;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    return d;
                }), DOC, Duration.ofMillis(1)));
        assertThat(e.reason()).isEqualTo("deadline-exceeded");
    }

    @Test
    void theDeadlineIsDisarmedAfterTheStageSoLaterChecksPass() {
        StageRunner.run(stage("quick", d -> d), DOC, Duration.ofMillis(1));
        Deadline.check();
        Document out = StageRunner.run(stage("unbounded", d -> {
            Deadline.check();
            return d;
        }), DOC);
        assertThat(out.stagesRun()).containsExactly("unbounded");
    }

    @Test
    void stackAndHeapExhaustionInsideAStageAreFailuresOfThatRecord() {
        StageException stack = catchThrowableOfType(StageException.class,
                () -> StageRunner.run(stage("entities", StageRunnerTest::recurse), DOC));
        assertThat(stack.stage()).isEqualTo("entities");
        assertThat(stack.errorClass()).isEqualTo(StackOverflowError.class.getName());
        assertThat(stack.reason()).startsWith("StackOverflowError");

        StageException heap = catchThrowableOfType(StageException.class,
                () -> StageRunner.run(stage("quotes", d -> {
                    throw new OutOfMemoryError("Java heap space");
                }), DOC));
        assertThat(heap.errorClass()).isEqualTo(OutOfMemoryError.class.getName());
        assertThat(heap.reason()).isEqualTo("OutOfMemoryError: Java heap space");
    }

    @Test
    void otherErrorsAreNotTurnedIntoDeadLetters() {
        assertThatThrownBy(() -> StageRunner.run(stage("entities", d -> {
            throw new InternalError("jvm broken");
        }), DOC)).isInstanceOf(InternalError.class);
    }

    private static Document recurse(Document d) {
        return recurse(d.withWarning("x"));
    }
}
