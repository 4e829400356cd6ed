package io.newsflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.sentiment.Sentiment;
import io.newsflow.enrich.sentiment.TargetSentimentModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code train newsmtsc} and {@code eval newsmtsc} end to end on a small synthetic file (real encoder). */
class NewsMtscCommandsTest {

    private static final String[] NAMES = {"Adams", "Baker", "Clarke", "Dutta", "Evans", "Fischer", "Gomez", "Hughes"};
    private static final String[] NEGATIVE = {"Police arrested %s for fraud.", "Critics accused %s of lying.",
            "Voters condemned %s for the corruption scandal."};
    private static final String[] NEUTRAL = {"%s will visit Madrid on Monday.", "%s met the committee at noon.",
            "%s spoke to reporters in the lobby."};
    private static final String[] POSITIVE = {"Fans cheered %s for a heroic rescue.", "Colleagues praised %s as brilliant.",
            "The charity thanked %s for a generous gift."};

    @TempDir
    Path dir;

    private static String line(String template, String name, Sentiment s) {
        String sentence = String.format(Locale.ROOT, template, name);
        int from = sentence.indexOf(name);
        double polarity = switch (s) {
            case NEGATIVE -> 2.0;
            case NEUTRAL -> 4.0;
            case POSITIVE -> 6.0;
        };
        return String.format(Locale.ROOT,
                "{\"sentence_normalized\": \"%s\", \"targets\": [{\"from\": %d, \"to\": %d, \"mention\": \"%s\", \"polarity\": %.1f}]}",
                sentence, from, from + name.length(), name, polarity);
    }

    private static String[] run(String... args) {
        CommandLine cli = NewsflowCli.commandLine(Map.of());
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        int code = cli.execute(args);
        return new String[] {Integer.toString(code), out.toString()};
    }

    @Test
    void trainsWritesAModelAndEvaluatesIt() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String name : NAMES) {
            for (String t : NEGATIVE) {
                lines.add(line(t, name, Sentiment.NEGATIVE));
            }
            for (String t : NEUTRAL) {
                lines.add(line(t, name, Sentiment.NEUTRAL));
            }
            for (String t : POSITIVE) {
                lines.add(line(t, name, Sentiment.POSITIVE));
            }
        }
        Path train = Files.write(dir.resolve("train.jsonl"), lines);
        Path model = dir.resolve("model.json");

        String[] trained = run("train", "newsmtsc", "--train", train.toString(), "--out", model.toString(),
                "--cache", dir.resolve("cache.bin").toString(), "--held-out-percent", "30", "--threads", "1");
        assertThat(trained[0]).isEqualTo("0");
        assertThat(trained[1]).contains("chosen: ").contains("wrote " + model);
        assertThat(TargetSentimentModel.load(model).metadata()).containsKey("heldOutMacroF1");

        String[] evaluated = run("eval", "newsmtsc", "--model", model.toString(), train.toString());
        assertThat(evaluated[0]).isEqualTo("0");
        List<String> out = evaluated[1].strip().lines().toList();
        assertThat(out.get(out.size() - 2)).matches("macro_f1=\\d+\\.\\d\\d");
        assertThat(out.get(out.size() - 1)).matches("accuracy=\\d+\\.\\d\\d");
        // 72 easy, separable training sentences: the trained model must fit them far above chance (33 %)
        double accuracy = Double.parseDouble(out.get(out.size() - 1).substring("accuracy=".length()));
        assertThat(accuracy).isGreaterThan(80.0);
    }
}
