package io.newsflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code eval gold} on the invented fixtures of {@code src/test/resources/eval-fixtures}; expected output produced by
 * {@code shared/eval/score.py} on the same files (for {@code --ids f2}: on a folder holding only {@code f2.json}).
 */
class EvalGoldCommandTest {

    private static final String GOLD = "src/test/resources/eval-fixtures/gold";
    private static final String PRED = "src/test/resources/eval-fixtures/predictions.jsonl";

    private static String run(String... args) {
        CommandLine cli = NewsflowCli.commandLine(Map.of());
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute(args)).as("exit status").isZero();
        return out.toString().replace(System.lineSeparator(), "\n");
    }

    @Test
    void printsScorePyTableForOneSplit() {
        assertThat(run("eval", "gold", GOLD, PRED, "--ids", "f2")).isEqualTo("""
                measure          precision    recall      F1   gold   pred
                persons              1.000     1.000   1.000      1      1
                leaders              0.000     0.000   0.000      0      0
                organizations        1.000     1.000   1.000      1      1
                locations            0.500     1.000   0.667      1      2
                name_variants        1.000     0.667   0.800      3      2
                quotes               1.000     1.000   1.000      2      2
                quote_speakers       0.500     0.500   0.500      2      2
                stances_entity       1.000     1.000   1.000      1      1
                stances_all          1.000     1.000   1.000      2      2
                """);
    }

    @Test
    void printsScorePyJson() {
        assertThat(run("eval", "gold", GOLD, PRED, "--json"))
                .startsWith("{\"persons\": {\"precision\": 0.8, \"recall\": 0.8, \"f1\": 0.8000000000000002}, ")
                .endsWith("\"stances_all\": {\"precision\": 0.5714285714285714, \"recall\": 0.5714285714285714, "
                        + "\"f1\": 0.5714285714285714}}\n");
    }

    @Test
    void helpNamesTheSharedOptions() {
        // picocli wraps long lines, also after commas
        String help = run("eval", "gold", "--help").replaceAll("\\s+", "");
        assertThat(help).contains("GOLD_DIR", "PRED.jsonl", "--json", "--ids", "--stages", "--kb-dir",
                "Default:language,entities,quotes,stances,quote-stances");
        assertThat(run("bench", "--help")).contains("--stages", "--kb-dir", "--stance-topics", "--schema-registry-url");
        for (String command : new String[] {"run", "demo", "publish", "tail"}) {
            assertThat(run(command, "--help")).as(command).contains("--schema-registry-url");
        }
        assertThat(run("annotate", "--help").replaceAll("\\s+", ""))
                .contains("Default:language,entities,quotes,stances,quote-stances");
    }
}
