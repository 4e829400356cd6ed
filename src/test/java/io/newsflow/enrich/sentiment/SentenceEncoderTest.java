package io.newsflow.enrich.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** newsflow's own WordPiece tokenizer and pooling reproduce the langchain4j (quantised) all-MiniLM-L6-v2 embeddings. */
class SentenceEncoderTest {

    private static final List<String> TEXTS = List.of(
            "Critics accused Smith of lying to parliament.",
            "The mayor’s office said Müller had “no comment” on the $4.5bn deal, which São Paulo approved in 2019.",
            "Prime Minister Jane Doe-Ramírez praised the volunteers' work after the floods; turnout was 62%.",
            "naïve café résumé — unbelievably well-organised, isn't it?");

    @Test
    void matchesTheLangchain4jEmbeddingModel() {
        AllMiniLmL6V2QuantizedEmbeddingModel reference = new AllMiniLmL6V2QuantizedEmbeddingModel();
        SentenceEncoder encoder = SentenceEncoder.shared();
        for (String text : TEXTS) {
            float[] expected = reference.embed(text).content().vector();
            float[] actual = encoder.embed(text);
            double dot = 0;
            for (int i = 0; i < expected.length; i++) {
                dot += expected[i] * actual[i];
            }
            assertThat(dot).as(text).isGreaterThan(0.9999);
        }
    }

    @Test
    void tokenSpansPointBackIntoTheText() {
        String text = "Critics accused Smith of lying.";
        WordPieceTokenizer.Tokens tokens = SentenceEncoder.shared().tokenizer().tokenize(text, 64);
        assertThat(tokens.ids()[0]).isEqualTo(WordPieceTokenizer.CLS);
        assertThat(tokens.ids()[tokens.size() - 1]).isEqualTo(WordPieceTokenizer.SEP);
        StringBuilder words = new StringBuilder();
        for (int i = 1; i < tokens.size() - 1; i++) {
            words.append(text, tokens.starts()[i], tokens.ends()[i]).append('|');
        }
        assertThat(words.toString()).isEqualTo("Critics|accused|Smith|of|lying|.|");
    }
}
