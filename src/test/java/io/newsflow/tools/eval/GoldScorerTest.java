package io.newsflow.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link GoldScorer} gives the figures of {@code shared/eval/score.py}. The fixtures in
 * {@code src/test/resources/eval-fixtures} are invented articles' labels written for this test; every expected value
 * below was produced by running {@code python3 ../shared/eval/score.py gold predictions.jsonl [--json]} on them.
 * When python3 and score.py are available the script is also run live and its output compared byte for byte.
 */
class GoldScorerTest {

    private static final Path SCORE_PY = Path.of("../shared/eval/score.py");

    /** Output of {@code score.py gold predictions.jsonl} on the fixtures. */
    private static final String TABLE = """
            measure          precision    recall      F1   gold   pred
            persons              0.800     0.800   0.800      5      5
            leaders              0.500     0.333   0.400      3      2
            organizations        0.333     0.250   0.286      4      3
            locations            0.750     1.000   0.857      3      4
            name_variants        1.000     0.500   0.667     14      7
            quotes               0.833     0.714   0.769      7      6
            quote_speakers       0.750     0.500   0.600      6      4
            stances_entity       0.667     0.667   0.667      3      3
            stances_all          0.571     0.571   0.571      7      7
            """;

    /** Output of {@code score.py gold predictions.jsonl --json} on the fixtures. */
    private static final String JSON = "{\"persons\": {\"precision\": 0.8, \"recall\": 0.8, \"f1\": 0.8000000000000002}, "
            + "\"leaders\": {\"precision\": 0.5, \"recall\": 0.3333333333333333, \"f1\": 0.4}, "
            + "\"organizations\": {\"precision\": 0.3333333333333333, \"recall\": 0.25, \"f1\": 0.28571428571428575}, "
            + "\"locations\": {\"precision\": 0.75, \"recall\": 1.0, \"f1\": 0.8571428571428571}, "
            + "\"name_variants\": {\"precision\": 1.0, \"recall\": 0.5, \"f1\": 0.6666666666666666}, "
            + "\"quotes\": {\"precision\": 0.8333333333333334, \"recall\": 0.7142857142857143, \"f1\": 0.7692307692307692}, "
            + "\"quote_speakers\": {\"precision\": 0.75, \"recall\": 0.5, \"f1\": 0.6}, "
            + "\"stances_entity\": {\"precision\": 0.6666666666666666, \"recall\": 0.6666666666666666, \"f1\": 0.6666666666666666}, "
            + "\"stances_all\": {\"precision\": 0.5714285714285714, \"recall\": 0.5714285714285714, \"f1\": 0.5714285714285714}}";

    private static Path fixtures() throws URISyntaxException {
        return Path.of(GoldScorerTest.class.getResource("/eval-fixtures/predictions.jsonl").toURI()).getParent();
    }

    @Test
    void countsEqualScorePy() throws Exception {
        GoldScorer.Report report = GoldScorer.score(fixtures().resolve("gold"), fixtures().resolve("predictions.jsonl"));
        // tp, gold, pred per measure, as score.py counts them
        Map<String, GoldScorer.Tally> expected = Map.of(
                "persons", new GoldScorer.Tally(4, 5, 5),
                "leaders", new GoldScorer.Tally(1, 3, 2),
                "organizations", new GoldScorer.Tally(1, 4, 3),
                "locations", new GoldScorer.Tally(3, 3, 4),
                "name_variants", new GoldScorer.Tally(7, 14, 7),
                "quotes", new GoldScorer.Tally(5, 7, 6),
                "quote_speakers", new GoldScorer.Tally(3, 6, 4),
                "stances_entity", new GoldScorer.Tally(2, 3, 3),
                "stances_all", new GoldScorer.Tally(4, 7, 7));
        assertThat(report.measures().keySet()).containsExactlyElementsOf(GoldScorer.MEASURES);
        assertThat(report.measures()).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(report.tally("persons").f1()).isEqualTo(0.8000000000000002);
    }

    @Test
    void tableAndJsonEqualScorePyOutput() throws Exception {
        GoldScorer.Report report = GoldScorer.score(fixtures().resolve("gold"), fixtures().resolve("predictions.jsonl"));
        assertThat(report.table()).isEqualTo(TABLE.replace("\n", System.lineSeparator()));
        assertThat(report.json()).isEqualTo(JSON);
    }

    @Test
    void liveScorePyAgrees() throws Exception {
        assumeTrue(Files.isRegularFile(SCORE_PY), "score.py not found at " + SCORE_PY.toAbsolutePath());
        assumeTrue(pythonAvailable(), "python3 not on PATH");
        Path gold = fixtures().resolve("gold");
        Path pred = fixtures().resolve("predictions.jsonl");
        GoldScorer.Report report = GoldScorer.score(gold, pred);
        assertThat(run(List.of("python3", SCORE_PY.toString(), gold.toString(), pred.toString())))
                .isEqualTo(report.table().replace(System.lineSeparator(), "\n"));
        assertThat(run(List.of("python3", SCORE_PY.toString(), gold.toString(), pred.toString(), "--json")))
                .isEqualTo(report.json() + "\n");
    }

    @Test
    void aGoldDocumentWithoutPredictionCountsAsMissed() throws Exception {
        GoldScorer.Report report = GoldScorer.score(GoldScorer.readGold(fixtures().resolve("gold")), List.of());
        assertThat(report.tally("persons")).isEqualTo(new GoldScorer.Tally(0, 5, 0));
        assertThat(report.tally("persons").f1()).isZero();
        assertThat(report.table()).contains("persons              0.000     0.000   0.000      5      0");
    }

    /** norm() outputs, each produced by score.py's norm on the same input. */
    static Stream<Arguments> normCases() {
        return Stream.of(
                Arguments.of("The Prime Minister\u2019s office", "office"),
                Arguments.of("Mr. Smith's", "smith"),
                Arguments.of("President Macron", "macron"),
                Arguments.of("prime  minister Ardern", "prime ardern"),
                Arguments.of("the theory", "theory"),
                Arguments.of("The  Hague", "hague"),
                Arguments.of("Ana\u00efs Nin", "anais nin"),
                Arguments.of("Caf\u00e9 de l\u2019\u00c9toile", "cafe de l etoile"),
                Arguments.of("Dr Who's who", "who who"),
                Arguments.of("mrs. O'Neill", "o neill"),
                Arguments.of("Kanye's\u00e9tude", "kanye setude"),
                Arguments.of("it's_fine", "it s fine"),
                Arguments.of("the", "the"),
                Arguments.of("  the   Netherlands ", "netherlands"),
                Arguments.of("ministers meeting", "ministers meeting"),
                Arguments.of("\u0130stanbul", "istanbul"),
                Arguments.of("x's\u00b2", "x s2"),
                Arguments.of("Mr\u00b7Brown", "brown"),
                Arguments.of("\u00bd price", "1 2 price"),
                Arguments.of("Stra\u00dfe", "stra e"),
                Arguments.of("\ufb01nance", "finance"),
                Arguments.of("\u2160 Corps", "i corps"),
                Arguments.of("A\u0301b", "ab"),
                Arguments.of("s\u0327", "s"),
                Arguments.of("'s'sa", "sa"));
    }

    @ParameterizedTest
    @MethodSource("normCases")
    void normalisesLikeScorePy(String input, String expected) {
        assertThat(GoldScorer.norm(input)).isEqualTo(expected);
    }

    @Test
    void stemsAndMatchesTopicsLikeScorePy() {
        // pairs produced by score.py's stem()
        Map<String, String> stems = Map.ofEntries(Map.entry("organisation", "organiz"), Map.entry("defence", "defense"),
                Map.entry("privatising", "privatiz"), Map.entry("harbours", "harbour"), Map.entry("harbour", "harbor"),
                Map.entry("rise", "rize"), Map.entry("fees", "fee"), Map.entry("centre", "center"),
                Map.entry("parties", "party"), Map.entry("studied", "study"), Map.entry("meetings", "meet"),
                Map.entry("tres", "tre"), Map.entry("colours", "colour"), Map.entry("ises", "ise"),
                Map.entry("apologised", "apologiz"), Map.entry("ations", "ation"), Map.entry("buses", "bus"));
        Map<String, String> actual = new HashMap<>();
        stems.keySet().forEach(w -> actual.put(w, GoldScorer.stem(w)));
        assertThat(actual).isEqualTo(stems);
        // topic_match() results from score.py
        assertThat(GoldScorer.topicMatch("harbour privatisation", "privatising the harbours")).isFalse();
        assertThat(GoldScorer.topicMatch("higher parking fees", "the parking fee rise")).isTrue();
        assertThat(GoldScorer.topicMatch("defence spending", "defense spending cuts in europe")).isTrue();
        assertThat(GoldScorer.topicMatch("the war", "war")).isTrue();
        assertThat(GoldScorer.topicMatch("sanctions", "new sanctions on oil exports and gas")).isFalse();
    }

    @Test
    void formatsNumbersAsPython() {
        assertThat(GoldScorer.fixed3(0.0005)).isEqualTo("0.001");
        assertThat(GoldScorer.fixed3(0.0625)).isEqualTo("0.062");
        assertThat(GoldScorer.fixed3(2.675)).isEqualTo("2.675");
        assertThat(GoldScorer.pyRepr(1.0)).isEqualTo("1.0");
        assertThat(GoldScorer.pyRepr(0.0001)).isEqualTo("0.0001");
        assertThat(GoldScorer.pyRepr(0.00001)).isEqualTo("1e-05");
        assertThat(GoldScorer.pyRepr(1.5e-7)).isEqualTo("1.5e-07");
        assertThat(GoldScorer.pyRepr(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    }

    private static boolean pythonAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("score.py finished").isTrue();
        assertThat(p.exitValue()).as("score.py exit status; output:%n%s", out).isZero();
        return out;
    }
}
