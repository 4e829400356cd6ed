package io.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.normalize.NormalizeStage;
import org.junit.jupiter.api.Test;

class NormalizeStageTest {

    @Test
    void convertsHtmlToParagraphsAndDropsScripts() {
        String html = "<div><h1>Summit</h1><p>Leaders met in <b>Brussels</b>&nbsp;on Monday.</p>"
                + "<script>var x = 1;</script><style>p{}</style><p>Talks &amp; dinner<br>followed.</p></div>";
        assertThat(NormalizeStage.normalize(html, true))
                .isEqualTo("Summit\nLeaders met in Brussels on Monday.\nTalks & dinner\nfollowed.");
    }

    @Test
    void collapsesWhitespaceComposesUnicodeAndRemovesInvisibleCharacters() {
        String text = "  Erdog\u0306an \t said\u200B   “no”\u00A0 deal.\r\n\r\n\n  Next   paragraph.  ";
        assertThat(NormalizeStage.normalize(text, false)).isEqualTo("Erdoğan said “no” deal.\nNext paragraph.");
    }

    @Test
    void detectsHtmlWithoutAContentType() {
        assertThat(NormalizeStage.looksLikeHtml("<p>Hello</p>")).isTrue();
        assertThat(NormalizeStage.looksLikeHtml("Fish &amp; chips")).isTrue();
        assertThat(NormalizeStage.looksLikeHtml("He said x < y and 3 > 2")).isFalse();
        Document doc = new NormalizeStage().apply(Document.of("a", "Title", "<p>One</p><p>Two</p>", false, null, null));
        assertThat(doc.body()).isEqualTo("One\nTwo");
        assertThat(doc.html()).isFalse();
    }

    @Test
    void keepsTypographicQuotesAndDashes() {
        assertThat(NormalizeStage.normalize("‘Not realistic’ – he said: «non»", false))
                .isEqualTo("‘Not realistic’ – he said: «non»");
    }
}
