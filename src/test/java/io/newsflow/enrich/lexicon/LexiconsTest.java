package io.newsflow.enrich.lexicon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LexiconsTest {

    private static LexiconTable parse(String text) {
        return Lexicons.parse("lexicon/sample.tsv", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bundledLexiconsLoadAndEveryIndexedTableHasRows() {
        Lexicons lex = Lexicons.bundled();
        assertThat(lex.names()).contains("negators", "hedges");
        for (String name : lex.names()) {
            assertThat(lex.table(name).rows()).as(name).isNotEmpty();
            assertThat(lex.description(name)).as(name).isNotBlank();
        }
    }

    @Test
    void headerOptionalColumnsAndConstraints() {
        LexiconTable t = parse("# comment\n#! polarity: FAVOR AGAINST\nlemma\tpolarity\tnote?\n"
                + "back\tFAVOR\n\nreject\tAGAINST\tstrong\n");
        assertThat(t.name()).isEqualTo("sample");
        assertThat(t.columns()).containsExactly("lemma", "polarity", "note");
        assertThat(t.rows()).hasSize(2);
        assertThat(t.rows().get(0).get("note")).isEmpty();
        assertThat(t.rows().get(1).line()).isEqualTo(6);
        assertThat(t.values("lemma")).containsExactly("back", "reject");
        assertThat(t.where("polarity", "against")).extracting(r -> r.get("lemma")).containsExactly("reject");
    }

    @Test
    void malformedLinesFailNamingFileAndLine() {
        assertThatThrownBy(() -> parse("lemma\tpolarity\nback\n"))
                .isInstanceOf(LexiconException.class).hasMessageStartingWith("lexicon/sample.tsv:2:")
                .hasMessageContaining("expected 2");
        assertThatThrownBy(() -> parse("#! polarity: FAVOR AGAINST\nlemma\tpolarity\nback\tFOR\n"))
                .hasMessageStartingWith("lexicon/sample.tsv:3:").hasMessageContaining("FOR");
        assertThatThrownBy(() -> parse("lemma\tpolarity\n\tFAVOR\n"))
                .hasMessageStartingWith("lexicon/sample.tsv:2:").hasMessageContaining("'lemma' is empty");
        assertThatThrownBy(() -> parse("# only comments\n")).hasMessageContaining("no header");
    }

    @Test
    void directoryLexiconsFailOnAMissingOrUnknownTable(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("index.tsv"), "file\tdescription\nverbs\tsome verbs\n");
        assertThatThrownBy(() -> Lexicons.load(dir)).isInstanceOf(LexiconException.class)
                .hasMessageContaining("verbs.tsv");
        Files.writeString(dir.resolve("verbs.tsv"), "lemma\nsay\ntell\n");
        Lexicons lex = Lexicons.load(dir);
        assertThat(lex.words("verbs", "lemma")).containsExactly("say", "tell");
        assertThatThrownBy(() -> lex.table("nouns")).hasMessageContaining("registered: [verbs]");
    }
}
