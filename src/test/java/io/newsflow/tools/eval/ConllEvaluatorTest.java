package io.newsflow.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.newsflow.enrich.entity.CrfEntityRecognizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConllEvaluatorTest {

    private static final String SAMPLE = String.join("\n",
            "-DOCSTART- -X- -X- O", "",
            "Ministers NNS I-NP O", "met VBD I-VP O", "in IN I-PP O", "New NNP I-NP I-LOC", "York NNP I-NP I-LOC",
            "with IN I-PP O", "Ursula NNP I-NP I-PER", "von NNP I-NP I-PER", "der NNP I-NP I-PER",
            "Leyen NNP I-NP I-PER", ". . O O", "",
            "EU NNP I-NP I-ORG", "and CC O O", "NATO NNP I-NP I-ORG", "officials NNS I-NP O", ". . O O", "",
            "Germans NNPS I-NP I-MISC", "Britons NNPS I-NP B-MISC", "agree VBP I-VP O", ". . O O", "");

    @TempDir
    Path dir;

    @Test
    void readsIob1AndCountsPhrasesLikeConlleval() {
        assertThat(ConllEvaluator.spans(List.of("I-MISC", "B-MISC", "O", "I-PER", "I-PER"), true))
                .containsExactly("0:1:MISC", "1:2:MISC", "3:5:PER");
        assertThat(ConllEvaluator.spans(List.of("LOC", "LOC", "O", "ORG"), false))
                .containsExactly("0:2:LOC", "3:4:ORG");
    }

    @Test
    void perfectAndEmptyTaggersScoreOneHundredAndZero() throws Exception {
        Path file = Files.writeString(dir.resolve("sample.conll"), SAMPLE);
        Map<String, List<String>> gold = new HashMap<>();
        for (String block : SAMPLE.split("\n\n")) {
            List<String> words = new ArrayList<>();
            List<String> tags = new ArrayList<>();
            for (String line : block.split("\n")) {
                if (!line.isBlank() && !line.startsWith("-DOCSTART-")) {
                    String[] c = line.split(" ");
                    words.add(c[0]);
                    tags.add(c[3].equals("O") ? "O" : c[3].substring(2));
                }
            }
            gold.put(String.join(" ", words), tags);
        }
        ConllEvaluator.Result perfect = ConllEvaluator.evaluate(file, w -> gold.get(String.join(" ", w)));
        assertThat(perfect.overall().f1()).as("IO labels merge Germans and Britons: P 4/5, R 4/6")
                .isCloseTo(72.73, offset(0.01));
        assertThat(perfect.byType().get("PER").f1()).isEqualTo(100.0);
        assertThat(perfect.tokens()).isEqualTo(20);
        ConllEvaluator.Result none = ConllEvaluator.evaluate(file, w -> w.stream().map(x -> "O").toList());
        assertThat(none.overall().f1()).isZero();
        assertThat(none.report()).endsWith("overall_f1=0.00\n");
    }

    @Test
    void theCrfFindsTheEntitiesOfAnEasySentence() throws Exception {
        Path file = Files.writeString(dir.resolve("sample.conll"), SAMPLE);
        ConllEvaluator.Result crf = ConllEvaluator.evaluate(file, CrfEntityRecognizer.shared()::label);
        assertThat(crf.byType().get("LOC").f1()).isEqualTo(100.0);
        assertThat(crf.byType().get("ORG").correct).isEqualTo(2);
    }
}
