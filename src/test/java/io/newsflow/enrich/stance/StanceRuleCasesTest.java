package io.newsflow.enrich.stance;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.Document;
import io.newsflow.enrich.Document.Entity;
import io.newsflow.enrich.Document.EntityType;
import io.newsflow.enrich.Document.Field;
import io.newsflow.enrich.Document.Mention;
import io.newsflow.enrich.Document.MentionKind;
import io.newsflow.enrich.quote.QuoteStage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stance rules on hand-built documents: the entities and their mentions come from the case file
 * ({@code src/test/resources/rules/stance-rules.tsv}), not from the NER model, so a model change cannot break these
 * tests. The quote stage runs first (it attributes quotes from the given entities), then the stance stage.
 */
class StanceRuleCasesTest {

    private static final Path CASES = Path.of("src/test/resources/rules/stance-rules.tsv");
    private static final StanceStage STAGE = new StanceStage();
    private static final QuoteStage QUOTES = new QuoteStage();

    static Stream<Arguments> cases() {
        List<String> lines;
        try {
            lines = Files.readAllLines(CASES, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Arguments> out = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("id\t")) {
                continue;
            }
            String[] c = line.split("\t", -1);
            assertThat(c).as("4 columns in %s", line).hasSize(4);
            out.add(Arguments.of(Named.of(c[0], c[1]), c[2], c[3]));
        }
        return out.stream();
    }

    /**
     * A document whose entities are named in {@code spec} ("Name|alias=TYPE;…", or "=TYPE@role" for an office
     * holder), mentioned wherever they occur.
     */
    static Document document(String text, String spec) {
        List<Entity> entities = new ArrayList<>();
        int n = 0;
        for (String part : spec.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            String[] kv = part.split("=");
            String[] names = kv[0].split("\\|");
            List<Mention> mentions = new ArrayList<>();
            for (String name : names) {
                Matcher m = Pattern.compile("(?<![\\p{L}])" + Pattern.quote(name) + "(?![\\p{L}])").matcher(text);
                while (m.find()) {
                    int s = m.start();
                    int e = m.end();
                    if (mentions.stream().noneMatch(x -> x.start() <= s && x.end() >= e)) {
                        mentions.add(new Mention(Field.BODY, s, e, name, MentionKind.NAME));
                    }
                }
            }
            String[] typeRole = kv[1].split("@", 2);
            entities.add(new Entity("e" + n++, names[0], EntityType.valueOf(typeRole[0].strip()), null,
                    typeRole.length > 1, typeRole.length > 1 ? typeRole[1].strip() : null, 1.0, mentions));
        }
        return Document.of("case", "", text, false, "en", Instant.parse("2026-03-02T09:00:00Z"))
                .withEntities(entities);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ruleCase(String text, String entities, String expected) {
        Document doc = STAGE.apply(QUOTES.apply(document(text, entities)));
        Set<String> got = new TreeSet<>();
        for (Document.Stance s : doc.stances()) {
            got.add(s.holderName() + "|" + s.polarity() + "|" + s.targetName() + "|" + s.method());
            assertThat(text.substring(s.evidenceStart(), s.evidenceEnd())).isEqualTo(s.evidence());
            assertThat(s.confidence()).isBetween(0.0, 1.0);
        }
        Set<String> want = new TreeSet<>();
        if (!expected.strip().equals("-")) {
            for (String e : expected.split(";")) {
                want.add(e.strip());
            }
        }
        assertThat(got).as(text.toLowerCase(Locale.ROOT)).isEqualTo(want);
    }
}
