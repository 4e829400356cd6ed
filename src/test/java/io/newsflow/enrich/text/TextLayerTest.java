package io.newsflow.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import edu.stanford.nlp.ling.CoreLabel;
import io.newsflow.enrich.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextLayerTest {

    private static List<String> sentences(TextLayer l) {
        return l.sentences().stream().map(s -> l.text().substring(s.start(), s.end())).toList();
    }

    @Test
    void sentencesRespectAbbreviationsAndParagraphs() {
        String text = "The U.S. envoy met Gen. Dalton on Jan. 4 in Geneva. Mr. Ortiz said the U.N. agreed.\n"
                + "A headline without a full stop\nShe left for the U.S. It rained.";
        TextLayer l = TextLayer.of(text);
        assertThat(sentences(l)).containsExactly(
                "The U.S. envoy met Gen. Dalton on Jan. 4 in Geneva.",
                "Mr. Ortiz said the U.N. agreed.",
                "A headline without a full stop",
                "She left for the U.S.",
                "It rained.");
        assertThat(l.paragraphs()).hasSize(3);
        assertThat(l.sentences().get(2).paragraph()).isEqualTo(1);
        assertThat(l.sentences().get(4).paragraph()).isEqualTo(2);
    }

    @Test
    void tokensCarryOffsetsIntoTheText() {
        String text = "First line.\nSenator Okafor’s aide, Ms. Park, objected.";
        TextLayer l = TextLayer.of(text);
        for (Token t : l.tokens()) {
            assertThat(text.substring(t.start(), t.end())).isEqualTo(t.text());
        }
        int okafor = text.indexOf("Okafor");
        assertThat(l.tokens().get(l.tokenAt(okafor)).text()).isEqualTo("Okafor");
        assertThat(l.sentenceAt(okafor).index()).isEqualTo(1);
    }

    @Test
    void quoteRegionsIncludingAParagraphThatContinues() {
        String text = "“We will not sign this,” the minister said. It was 'rather late' for that.\n"
                + "“The talks are over\n“and we go home,” she added.";
        TextLayer l = TextLayer.of(text);
        assertThat(l.quotes()).hasSize(4);
        QuoteRegion first = l.quotes().get(0);
        assertThat(text.substring(first.start(), first.end())).isEqualTo("We will not sign this,");
        assertThat(first.closed()).isTrue();
        assertThat(l.quotes().get(2).closed()).isFalse();
        assertThat(l.quoteAt(text.indexOf("sign"))).isEqualTo(first);
        assertThat(l.quoteAt(text.indexOf("minister"))).isNull();
    }

    @Test
    void tagsLemmasAndParseAreComputedOnDemandAndCached() {
        TextLayer l = TextLayer.of("On Monday the ministers rejected the proposals.");
        int verb = l.tokenAt(l.text().indexOf("rejected"));
        assertThat(l.pos(verb)).isEqualTo("VBD");
        assertThat(l.lemma(verb)).isEqualTo("reject");
        assertThat(l.lemma(l.tokenAt(l.text().indexOf("proposals")))).isEqualTo("proposal");
        Sentence s = l.sentences().get(0);
        DependencyParse p = l.parse(s);
        assertThat(l.parse(s)).isSameAs(p);
        int v = verb - s.firstToken();
        assertThat(p.relation(v)).isEqualTo("root");
        List<Integer> subjects = p.children(v, "nsubj");
        assertThat(subjects).hasSize(1);
        assertThat(l.tokens().get(s.firstToken() + subjects.get(0)).text()).isEqualTo("ministers");
        int obj = p.children(v, "obj").get(0);
        assertThat(l.tokens().get(s.firstToken() + obj).text()).isEqualTo("proposals");
        assertThat(p.subtree(obj)).containsExactly(obj - 1, obj);
    }

    @Test
    void documentsShareOneLayerAcrossCopiesWithTheSameText() {
        Document d = Document.of("a1", "Headline here", "Body text. More text.", false, null, null);
        TextLayer body = d.layer(Document.Field.BODY);
        Document later = d.withStageRun("entities").withWarning("w");
        assertThat(later.layer(Document.Field.BODY)).isSameAs(body);
        assertThat(later.layer(Document.Field.TITLE).sentences()).hasSize(1);
        Document changed = d.withText("Headline here", "Other body.", false);
        assertThat(changed.layer(Document.Field.BODY)).isNotSameAs(body);
        assertThat(changed.layer(Document.Field.BODY).text()).isEqualTo("Other body.");
    }

    @Test
    void aRunOnSentenceIsCutIntoPiecesOfBoundedLength() {
        String text = "alpha, ".repeat(1_000) + "end.";
        TextLayer l = TextLayer.of(text);
        assertThat(l.sentences()).hasSizeGreaterThan(1);
        assertThat(l.sentences()).allSatisfy(s -> assertThat(s.size()).isLessThanOrEqualTo(
                TextLayer.MAX_SENTENCE_TOKENS));
        assertThat(l.tokens()).hasSize(2_002);
        for (int i = 1; i < l.sentences().size(); i++) {
            assertThat(l.sentences().get(i).firstToken()).isEqualTo(l.sentences().get(i - 1).endToken());
        }
    }

    @Test
    void aLongTokenIsTokenisedInPiecesAndReachesTheModelsCutButKeepsItsOffsets() {
        String word = "x".repeat(50_000);
        String text = "Before " + word + " after.";
        TextLayer l = TextLayer.of(text);
        List<Token> pieces = l.tokens().subList(1, l.tokens().size() - 2);
        assertThat(pieces).allSatisfy(t -> assertThat(t.text()).hasSizeLessThanOrEqualTo(
                TextLayer.MAX_TOKENIZED_CHARS));
        assertThat(String.join("", pieces.stream().map(Token::text).toList())).isEqualTo(word);
        Token t = l.tokens().get(1);
        assertThat(text.substring(t.start(), t.end())).isEqualTo(t.text());
        List<CoreLabel> labels = l.coreLabels(l.sentences().get(l.tokens().get(1).sentence()));
        CoreLabel label = labels.stream().filter(c -> c.beginPosition() == t.start()).findFirst().orElseThrow();
        assertThat(label.word()).hasSize(TextLayer.MAX_MODEL_TOKEN_CHARS);
        assertThat(label.endPosition()).isEqualTo(t.end());
        assertThat(l.pos(1)).isNotBlank();
    }

    @Test
    void wordsInOtherScriptsAreRecognisedForTheTaggersProxy() {
        assertThat(TextLayer.foreignScript("Петров")).isTrue();
        assertThat(TextLayer.foreignScript("北京")).isTrue();
        assertThat(TextLayer.foreignScript("Müller")).isFalse();
        assertThat(TextLayer.foreignScript("2024")).isFalse();
        assertThat(TextLayer.foreignScript("—")).isFalse();
        TextLayer l = TextLayer.of("Ministr Петров met 北京 officials.");
        assertThat(l.pos(1)).isEqualTo("NNP");
        assertThat(l.lemma(1)).isEqualTo("петров");
    }

    @Test
    void aLongParagraphIsTokenisedInPiecesCutAfterASentenceEndAndOffsetsStayRight() {
        String sentence = "The committee met again on Tuesday and agreed on nothing at all. ";
        String text = sentence.repeat(200);
        int cut = TextLayer.chunkEnd(text, 0, text.length());
        assertThat(cut).isLessThanOrEqualTo(TextLayer.MAX_TOKENIZED_CHARS);
        assertThat(text.substring(0, cut)).endsWith("all. ");
        TextLayer l = TextLayer.of(text);
        assertThat(l.sentences()).hasSize(200);
        assertThat(sentences(l)).allSatisfy(s -> assertThat(s).isEqualTo(sentence.strip()));
        for (Token t : l.tokens()) {
            assertThat(text.substring(t.start(), t.end())).isEqualTo(t.text());
        }
        String cjk = "北京市政府今天宣布新的交通规划".repeat(1_000);
        int hard = TextLayer.chunkEnd(cjk, 0, cjk.length());
        assertThat(hard).isEqualTo(TextLayer.MAX_TOKENIZED_CHARS);
        TextLayer c = TextLayer.of(cjk);
        assertThat(c.tokens().get(c.tokens().size() - 1).end()).isEqualTo(cjk.length());
    }
}
