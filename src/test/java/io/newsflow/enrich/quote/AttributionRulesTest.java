package io.newsflow.enrich.quote;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.Document;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The attribution rules on hand-built documents (no entity model), one case per line of
 * {@code rules/quote-attribution.tsv}: the quote starting with {@code quote} must get {@code speaker} ({@code -} for
 * none) from the rule {@code rule}. Every rule in {@link AttributionRules#DEFAULT} has at least one case.
 */
class AttributionRulesTest {

    private static final String CASES = "rules/quote-attribution.tsv";
    private static final QuoteStage STAGE = new QuoteStage();

    static List<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(
                AttributionRulesTest.class.getClassLoader().getResourceAsStream(CASES), CASES);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] cells = line.split("\t");
                if (cells.length != 4) {
                    throw new IllegalStateException(CASES + ":" + n + ": expected 4 columns, found " + cells.length);
                }
                out.add(Arguments.of(n, cells[0], cells[1], cells[2], cells[3]));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{index}: line {0} {1}")
    @MethodSource("cases")
    void ruleFindsTheSpeaker(int line, String rule, String speaker, String quoteStart, String text) {
        Document out = STAGE.apply(MarkedText.document(text));
        Document.Quote q = out.quotes().stream().filter(x -> x.text().startsWith(quoteStart)).findFirst()
                .orElseThrow(() -> new AssertionError("line " + line + ": no quote starting '" + quoteStart
                        + "' in " + out.quotes()));
        assertThat(q.speakerName()).as("speaker, line %d", line).isEqualTo(speaker.equals("-") ? null : speaker);
        assertThat(q.method()).as("rule, line %d", line).isEqualTo(rule.equals("-") ? null : rule);
    }

    @Test
    void aQuoteAfterAnAttributionSentenceWithNoAttributionOfItsOwnContinuesTheQuoteBefore() {
        Document out = STAGE.apply(MarkedText.document("\"The ferry will run all winter,\" [P:Anna Berg] said on "
                + "Monday at the harbour. \"Nobody will be left behind on the islands.\"\n"
                + "\"The roads are closed,\" [P:Tomas Lind] said. \"The schools will open late,\" he added."));
        assertThat(out.quotes()).extracting(Document.Quote::text).containsExactly(
                "The ferry will run all winter, Nobody will be left behind on the islands.",
                "The roads are closed,", "The schools will open late,");
        assertThat(out.quotes()).extracting(Document.Quote::speakerName)
                .containsExactly("Anna Berg", "Tomas Lind", "Tomas Lind");
    }

    @Test
    void aQuoteIntroducedByItsOwnVerbAfterAnotherQuoteStaysSeparate() {
        Document out = STAGE.apply(MarkedText.document("[P:Anna Berg] called the plan \"a long overdue step\". "
                + "Later she wrote, \"We start building in the spring.\""));
        assertThat(out.quotes()).extracting(Document.Quote::text).containsExactly("a long overdue step",
                "We start building in the spring.");
    }

    @Test
    void everyRuleHasACase() throws IOException {
        List<String> covered = cases().stream().map(a -> (String) a.get()[1]).toList();
        assertThat(covered).containsAll(AttributionRules.DEFAULT.stream().map(AttributionRule::name).toList());
    }
}
