package io.newsflow.enrich.quote;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.Document;
import io.newsflow.enrich.PipelineStages;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Quote extraction and speaker attribution on texts written for these tests, with the real entity stage. */
class QuoteStageTest {

    private static final PipelineStages STAGES = PipelineStages.named(List.of("entities", "quotes"));

    private static List<Document.Quote> quotes(String body) {
        return STAGES.process(Document.of("q", "", body, false, "en", Instant.parse("2025-02-20T12:00:00Z")))
                .quotes();
    }

    private static String speakerOf(List<Document.Quote> quotes, String start) {
        return quotes.stream().filter(q -> q.text().startsWith(start)).findFirst().orElseThrow().speakerName();
    }

    @Test
    void speakerAfterTheQuoteInBothOrders() {
        List<Document.Quote> q = quotes("“We will not accept a frozen conflict,” Volodymyr Zelenskyy said on Monday.\n"
                + "\"Europe has to pay for its own defence now,\" said Pete Hegseth.");
        assertThat(speakerOf(q, "We will not accept")).isEqualTo("Volodymyr Zelenskyy");
        assertThat(speakerOf(q, "Europe has to pay")).isEqualTo("Pete Hegseth");
        assertThat(q.get(0).cue()).isEqualTo("said");
    }

    @Test
    void aSourceAfterAccordingToLaterInTheSentenceIsTheSpeaker() {
        List<Document.Quote> q = quotes("Keir Starmer held \"frank and very useful\" talks with Friedrich Merz in "
                + "Berlin on Friday, according to Downing Street.\n"
                + "Friedrich Merz flew on to Warsaw the same evening.");
        assertThat(q).singleElement().satisfies(quote -> {
            assertThat(quote.speakerName()).isEqualTo("Downing Street");
            assertThat(quote.cue()).isEqualTo("according to");
        });
    }

    @Test
    void aQuoteSplitByItsAttributionIsOneQuote() {
        List<Document.Quote> q = quotes("“We will not retreat,” Sergey Lavrov told reporters, “not one step.”");
        assertThat(q).singleElement().satisfies(quote -> {
            assertThat(quote.text()).isEqualTo("We will not retreat, not one step.");
            assertThat(quote.speakerName()).isEqualTo("Sergey Lavrov");
        });
    }

    @Test
    void aPronounAfterAQuoteMeansThePreviousSpeakerNotANameInsideTheQuote() {
        List<Document.Quote> q = quotes("“Lula wants Brazil to be seen as a bridge, and Javier Milei wants to be "
                + "Washington’s closest friend,” said Carlos Etchegaray, an analyst in Buenos Aires. “None of them can "
                + "move Vladimir Putin,” he added.");
        assertThat(speakerOf(q, "None of them")).isEqualTo("Carlos Etchegaray");
    }

    @Test
    void aColonQuoteThatEndsItsSentenceKeepsItsSpeakerAndItMeansTheBodyNamedBefore() {
        List<Document.Quote> q = quotes("British Foreign Secretary Yvette Cooper said after the meeting: “Diplomacy "
                + "remains the best route, but it cannot be open-ended.” France's Jean-Noël Barrot told reporters that "
                + "Paris would wait.\nThe White House welcomed the extension. “The President's approach has delivered "
                + "real results,” it said in a statement.");
        assertThat(speakerOf(q, "Diplomacy remains")).isEqualTo("Yvette Cooper");
        assertThat(speakerOf(q, "The President's approach")).isEqualTo("White House");
    }

    @Test
    void colonAfterANamedOrTitledSpeakerAndWritingColon() {
        List<Document.Quote> q = quotes("Keir Starmer met the press in London. The PM said: “Britain will lead by "
                + "example on this.”\nElon Musk shared a picture of the summit, writing: “This is what leadership "
                + "looks like.”");
        assertThat(speakerOf(q, "Britain will lead")).isEqualTo("Keir Starmer");
        assertThat(speakerOf(q, "This is what leadership")).isEqualTo("Elon Musk");
    }

    @Test
    void pronounsOrganisationsAndAccordingTo() {
        List<Document.Quote> q = quotes("Emmanuel Macron arrived late. “A weak deal would only invite the next war,” "
                + "he said.\n“The talks were very productive,” the White House said in a statement.\n"
                + "According to Sergey Lavrov, “the door to negotiations remains open for now”.");
        assertThat(speakerOf(q, "A weak deal")).isEqualTo("Emmanuel Macron");
        assertThat(speakerOf(q, "The talks were very")).isEqualTo("White House");
        assertThat(speakerOf(q, "the door to negotiations")).isEqualTo("Sergey Lavrov");
    }

    @Test
    void quotesContinuedAcrossParagraphsAndFollowUpQuotesKeepTheirSpeaker() {
        List<Document.Quote> q = quotes("Friedrich Merz told the Bundestag: “Germany will do what is necessary to "
                + "keep the peace in Europe.\n“We will not be intimidated by anyone, now or later.”\n"
                + "“Security has a price,” Merz said. “Insecurity costs far more than that.”");
        assertThat(q.get(0).text()).contains("keep the peace in Europe.").contains("We will not be intimidated");
        assertThat(q.get(0).speakerName()).isEqualTo("Friedrich Merz");
        // a quote split only by "Merz said." is one quote (the gold convention)
        assertThat(q.get(1).text()).startsWith("Security has a price").contains("Insecurity costs far more");
        assertThat(q.get(1).speakerName()).isEqualTo("Friedrich Merz");
    }

    @Test
    void newNarrativeBetweenTwoQuotesMakesTwoQuotesWithTheSameSpeaker() {
        List<Document.Quote> q = quotes("“The harbour tax stays where it is,” Friedrich Merz said, adding that the "
                + "ferries would get more money. “Nobody on the coast will pay more.”\n"
                + "“Security has a price,” Merz said that evening. “Insecurity costs far more than that.”");
        assertThat(q).hasSize(3);
        assertThat(q.get(0).text()).isEqualTo("The harbour tax stays where it is,");
        assertThat(q.get(1).text()).startsWith("Nobody on the coast");
        assertThat(q.get(1).speakerName()).isEqualTo("Friedrich Merz");
        // a plain attribution between them still joins the two parts
        assertThat(q.get(2).text()).startsWith("Security has a price").contains("Insecurity costs");
    }

    @Test
    void singleQuotesNestedQuotesScareQuotesAndApostrophes() {
        List<Document.Quote> q = quotes("Officials called the plan ‘unrealistic’ and Putin’s offer a ‘trap’.\n"
                + "‘We don’t negotiate with ultimatums,’ Volodymyr Zelenskyy said.\n"
                + "“He told me ‘we want a deal’ and I believed him,” said Donald Trump.");
        assertThat(q).extracting(Document.Quote::text).containsExactly("We don’t negotiate with ultimatums,",
                "He told me ‘we want a deal’ and I believed him,");
        assertThat(q).extracting(Document.Quote::speakerName).containsExactly("Volodymyr Zelenskyy", "Donald Trump");
    }

    @Test
    void offsetsPointInsideTheQuotationMarks() {
        String body = "“Nothing about Ukraine without Ukraine,” Volodymyr Zelenskyy said.";
        Document.Quote q = quotes(body).get(0);
        assertThat(body.substring(q.start(), q.end())).isEqualTo("Nothing about Ukraine without Ukraine,");
    }

    @Test
    void anAttributionAfterTheQuoteIsReadInItsOwnSentenceAndClauseOnly() {
        List<Document.Quote> q = quotes("Marco Rubio said Congress was \"on the same page\" about Russia. \"Nobody "
                + "here is naive about Vladimir Putin,\" he said.\n"
                + "Kemi Badenoch criticised the plan as “an adventure that Britain cannot afford”, while Nigel Farage "
                + "said soldiers “must not die for a border that is not ours”.");
        assertThat(speakerOf(q, "on the same page")).isEqualTo("Marco Rubio");
        assertThat(speakerOf(q, "Nobody here")).isEqualTo("Marco Rubio");
        assertThat(speakerOf(q, "an adventure")).isEqualTo("Kemi Badenoch");
        assertThat(speakerOf(q, "must not die")).isEqualTo("Nigel Farage");
    }

    @Test
    void reportedSpeechTakesTheNameBeforeItsVerbAndASentenceWithASubjectDoesNotContinueTheLastSpeaker() {
        List<Document.Quote> q = quotes("US officials stayed away after Donald Trump left the accord, a decision "
                + "António Guterres described on Tuesday as \"a historic mistake\".\n"
                + "Giorgia Meloni said she would \"talk to our American friends first\". Emmanuel Macron, by contrast, "
                + "praised the Commission's \"unity and firmness\" in the dispute.\n"
                + "Andrii Sybiha called for sanctions that were \"sharp enough to hurt\". In Kyiv, President Volodymyr "
                + "Zelenskyy said on social media that he had spoken to Donald Trump on Wednesday and that Ukraine was "
                + "\"ready for any format of talks\".");
        assertThat(speakerOf(q, "a historic mistake")).isEqualTo("António Guterres");
        assertThat(speakerOf(q, "unity and firmness")).isEqualTo("Emmanuel Macron");
        assertThat(speakerOf(q, "ready for any format")).isEqualTo("Volodymyr Zelenskyy");
    }

    @Test
    void aRoleBetweenTheVerbAndTheNameStillNamesTheSpeaker() {
        List<Document.Quote> q = quotes("“Shell is a climate laggard,” said its founder Mark van Baal.\n"
                + "“We will not change course,” said the company's chief executive, Wael Sawan.");
        assertThat(speakerOf(q, "Shell is a climate")).isEqualTo("Mark van Baal");
        assertThat(speakerOf(q, "We will not change")).isEqualTo("Wael Sawan");
    }
}
