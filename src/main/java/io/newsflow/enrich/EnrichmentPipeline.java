package io.newsflow.enrich;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An ordered chain of {@link Stage}s, validated when built: every stage's requirements must be provided by the
 * initial capabilities or an earlier stage, no capability may be provided twice, and stage names must be unique.
 * An invalid chain fails fast with {@link IllegalStateException}.
 *
 * <p>Immutable and thread-safe when its stages are.
 */
public final class EnrichmentPipeline {

    private final List<Stage> stages;
    private final Set<Capability> initial;
    private final Set<Capability> provided;

    private EnrichmentPipeline(Set<Capability> initial, List<Stage> stages) {
        this.initial = Set.copyOf(initial);
        this.stages = List.copyOf(stages);
        this.provided = validate(this.initial, this.stages);
    }

    /** Builds and validates a chain that starts from documents having {@code initial}. */
    public static EnrichmentPipeline of(Set<Capability> initial, List<? extends Stage> stages) {
        return new EnrichmentPipeline(initial, new ArrayList<>(stages));
    }

    private static Set<Capability> validate(Set<Capability> initial, List<Stage> stages) {
        Set<Capability> have = initial.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(initial);
        Set<String> names = new HashSet<>();
        for (Stage stage : stages) {
            if (!names.add(stage.name())) {
                throw new IllegalStateException("duplicate stage name '" + stage.name() + "'");
            }
            Set<Capability> missing = EnumSet.noneOf(Capability.class);
            for (Capability c : stage.requires()) {
                if (!have.contains(c)) {
                    missing.add(c);
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("stage '" + stage.name() + "' requires " + missing
                        + " but the chain before it provides only " + have);
            }
            for (Capability c : stage.provides()) {
                if (!have.add(c)) {
                    throw new IllegalStateException("stage '" + stage.name() + "' provides " + c
                            + " which is already provided earlier in the chain");
                }
            }
        }
        return Set.copyOf(have);
    }

    /**
     * Runs every stage in order.
     *
     * @throws StageException naming the failed stage; other exceptions thrown by a stage are wrapped
     */
    public Document apply(Document document) {
        Document current = document;
        for (Stage stage : stages) {
            current = StageRunner.run(stage, current);
        }
        return current;
    }

    /** Stages in execution order. */
    public List<Stage> stages() {
        return stages;
    }

    /** Capabilities present after the whole chain has run. */
    public Set<Capability> provided() {
        return provided;
    }

    /** Capabilities documents must have before the chain runs. */
    public Set<Capability> initial() {
        return initial;
    }

    /** Stage names in order. */
    public List<String> stageNames() {
        return stages.stream().map(Stage::name).toList();
    }
}
