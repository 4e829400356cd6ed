package io.newsflow.enrich.text;

import edu.stanford.nlp.semgraph.SemanticGraph;
import java.util.ArrayList;
import java.util.List;

/**
 * The Universal Dependencies parse of one sentence. Word positions are 0-based within the sentence; add the
 * sentence's {@link Sentence#firstToken()} for the layer's token index.
 *
 * <p>{@link #graph()} is CoreNLP's graph of the same parse, for Semgrex patterns; callers must not modify it.
 * Otherwise immutable and thread-safe.
 */
public final class DependencyParse {

    private final int[] heads;
    private final String[] relations;
    private final SemanticGraph graph;

    DependencyParse(int[] heads, String[] relations, SemanticGraph graph) {
        this.heads = heads.clone();
        this.relations = relations.clone();
        this.graph = graph;
    }

    /** Number of words. */
    public int size() {
        return heads.length;
    }

    /** The head of word {@code i}, or -1 for the root. */
    public int head(int i) {
        return heads[i];
    }

    /** The UD relation of word {@code i} to its head ({@code root} for the root), with any subtype ("nmod:poss"). */
    public String relation(int i) {
        return relations[i];
    }

    /** The dependents of word {@code i}, in word order. */
    public List<Integer> children(int i) {
        List<Integer> out = new ArrayList<>();
        for (int j = 0; j < heads.length; j++) {
            if (heads[j] == i) {
                out.add(j);
            }
        }
        return out;
    }

    /** The dependents of word {@code i} whose relation starts with {@code relation} ("obl" matches "obl:tmod"). */
    public List<Integer> children(int i, String relation) {
        List<Integer> out = new ArrayList<>();
        for (int j = 0; j < heads.length; j++) {
            if (heads[j] == i && (relations[j].equals(relation) || relations[j].startsWith(relation + ":"))) {
                out.add(j);
            }
        }
        return out;
    }

    /** The first and last word of the subtree of {@code i} (inclusive), as {@code {first, last}}. */
    public int[] subtree(int i) {
        int first = i;
        int last = i;
        for (int j = 0; j < heads.length; j++) {
            if (dominates(i, j)) {
                first = Math.min(first, j);
                last = Math.max(last, j);
            }
        }
        return new int[] {first, last};
    }

    /** True when {@code ancestor} is {@code word} or one of its heads, transitively. */
    public boolean dominates(int ancestor, int word) {
        int k = word;
        for (int steps = 0; k >= 0 && steps <= heads.length; steps++) {
            if (k == ancestor) {
                return true;
            }
            k = heads[k];
        }
        return false;
    }

    /** The root word. */
    public int root() {
        for (int j = 0; j < heads.length; j++) {
            if (heads[j] < 0) {
                return j;
            }
        }
        return 0;
    }

    /** CoreNLP's graph of this parse (word indices 1-based there); read-only use. */
    public SemanticGraph graph() {
        return graph;
    }
}
