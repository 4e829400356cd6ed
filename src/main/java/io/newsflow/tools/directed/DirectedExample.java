package io.newsflow.tools.directed;

import io.newsflow.enrich.pairs.DirectedLabel;
import io.newsflow.enrich.pairs.DirectedStanceModel;

/**
 * One labelled pair of the directed-sentiment data (Park, Pan &amp; Joo, Findings of ACL-IJCNLP 2021): the sentence
 * with its {@code [ ]} markers removed, the character spans of p and q in it, and the label {@code 0..4}.
 */
public record DirectedExample(String sentence, int pFrom, int pTo, int qFrom, int qTo, DirectedLabel label) {

    public DirectedStanceModel.Pair pair() {
        return new DirectedStanceModel.Pair(pFrom, pTo, qFrom, qTo);
    }
}
