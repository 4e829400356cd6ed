package io.newsflow.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.enrich.PipelineStages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Quality gate in {@code mvn verify}: annotates the devtest split of the real-news gold corpus
 * ({@code ../shared/eval/news}, or the folder named by the system property {@code newsflow.eval.news}) with the
 * default chain, scores it with {@link GoldScorer} (the figures of {@code shared/eval/score.py}) and fails when a
 * measure is below its floor in {@code src/test/resources/eval/news-devtest-floors.properties}. A missing corpus is
 * a failure, not a skip.
 */
class NewsDevtestIT {

    private static final String FLOORS = "/eval/news-devtest-floors.properties";

    @Test
    void devtestScoresStayAboveTheirFloors() throws IOException {
        Path corpus = Path.of(System.getProperty("newsflow.eval.news", "../shared/eval/news"));
        if (!Files.isDirectory(corpus)) {
            fail("The real-news gold corpus is missing: " + corpus.toAbsolutePath().normalize()
                    + " is not a folder. This quality gate needs ../shared/eval/news beside the project (or"
                    + " -Dnewsflow.eval.news=DIR); it must not be skipped.");
        }
        Properties floors = loadFloors();
        Set<String> ids = new LinkedHashSet<>(Arrays.asList(floors.getProperty("ids", "").split(",")));
        ids.removeIf(String::isBlank);
        assertThat(ids).as("devtest ids in %s", FLOORS).isNotEmpty();

        List<JsonNode> golds = GoldScorer.readGold(corpus).stream()
                .filter(g -> ids.contains(g.path("id").asText()))
                .toList();
        Set<String> found = new TreeSet<>();
        golds.forEach(g -> found.add(g.path("id").asText()));
        assertThat(found).as("devtest gold files in %s", corpus).containsExactlyInAnyOrderElementsOf(ids);
        List<Path> texts = Annotator.texts(corpus, ids);
        assertThat(texts).as("devtest .txt articles in %s", corpus).hasSameSizeAs(ids);

        List<JsonNode> predictions = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Annotator.annotate(texts, PipelineStages.standard(), false, predictions::add, failures::add);
        assertThat(failures).as("articles that could not be annotated").isEmpty();

        GoldScorer.Report report = GoldScorer.score(golds, predictions);
        System.out.println("news devtest (" + ids.size() + " articles), default chain " + PipelineStages.DEFAULT
                + ":" + System.lineSeparator() + report.table());

        List<String> below = new ArrayList<>();
        int checked = 0;
        for (String key : new TreeSet<>(floors.stringPropertyNames())) {
            if (key.equals("ids")) {
                continue;
            }
            int dot = key.lastIndexOf('.');
            assertThat(dot).as("floor key '%s' must be MEASURE.f1|precision|recall", key).isPositive();
            GoldScorer.Tally tally = report.tally(key.substring(0, dot));
            double value = switch (key.substring(dot + 1)) {
                case "f1" -> tally.f1();
                case "precision" -> tally.precision();
                case "recall" -> tally.recall();
                default -> throw new IllegalArgumentException("floor key '" + key
                        + "' must end in .f1, .precision or .recall");
            };
            double floor = Double.parseDouble(floors.getProperty(key).strip());
            checked++;
            if (value < floor) {
                below.add(String.format(Locale.ROOT, "%s = %.3f < floor %.3f", key, value, floor));
            }
        }
        assertThat(checked).as("floors in %s", FLOORS).isPositive();
        assertThat(below).as("measures below their floors in %s", FLOORS).isEmpty();
    }

    private static Properties loadFloors() throws IOException {
        Properties p = new Properties();
        try (InputStream in = NewsDevtestIT.class.getResourceAsStream(FLOORS)) {
            assertThat(in).as("classpath resource %s", FLOORS).isNotNull();
            p.load(in);
        }
        return p;
    }
}
