package io.newsflow.enrich.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaderMatcherTest {

    private static final LeaderMatcher MATCHER = new LeaderMatcher(KnowledgeBase.bundled());
    private static final LocalDate DATE = LocalDate.parse("2025-10-15");

    private static List<String> found(String text) {
        return MATCHER.find(text, DATE).stream().map(h -> h.person().name() + "@" + h.text()).toList();
    }

    @Test
    void findsFullNamesSurnamesPossessivesAndTransliterations() {
        String text = "Vladimir Putin met envoys. Putin’s aide said Mr Zelensky, or Zelenskiy, would not attend; "
                + "Erdogan and Recep Tayyip Erdoğan's ministers were there.";
        assertThat(found(text)).containsExactly("Vladimir Putin@Vladimir Putin", "Vladimir Putin@Putin",
                "Volodymyr Zelenskyy@Zelensky", "Volodymyr Zelenskyy@Zelenskiy", "Recep Tayyip Erdoğan@Erdogan",
                "Recep Tayyip Erdoğan@Recep Tayyip Erdoğan");
    }

    @Test
    void offsetsPointAtTheTextAsWritten() {
        String text = "Talks with Recep Tayyip Erdoğan’s team.";
        LeaderMatcher.Hit hit = MATCHER.find(text, DATE).get(0);
        assertThat(text.substring(hit.start(), hit.end())).isEqualTo("Recep Tayyip Erdoğan");
    }

    @Test
    void ignoresLowercaseWordsAndPartsOfWords() {
        assertThat(found("He played his trump card. Putinism is a doctrine. The xi-axis.")).isEmpty();
    }

    @Test
    void anAmbiguousSurnameNeedsTheFullNameInTheSameText() {
        assertThat(found("Wong said the vote was close.")).as("Lawrence Wong and Penny Wong").isEmpty();
        assertThat(found("Penny Wong spoke. Later Wong said the vote was close."))
                .containsExactly("Penny Wong@Penny Wong", "Penny Wong@Wong");
    }

    @Test
    void ahoCorasickFindsOverlappingCandidatesAndKeepsTheLongest() {
        AliasMatcher<String> m = new AliasMatcher<>(Map.of("he", List.of("a"), "she", List.of("b"),
                "hers", List.of("c"), "his", List.of("d"), "ushers", List.of("e")));
        assertThat(m.find("ushers his she")).extracting(AliasMatcher.Match::name)
                .containsExactly("ushers", "his", "she");
        assertThat(m.find("usher")).isEmpty();
    }
}
