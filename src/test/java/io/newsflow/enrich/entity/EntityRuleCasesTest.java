package io.newsflow.enrich.entity;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.Document;
import io.newsflow.enrich.Document.EntityType;
import io.newsflow.enrich.Document.Field;
import io.newsflow.enrich.kb.KnowledgeBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The entity stage's rules on hand-built input: the recogniser is replaced by the spans written in the case file
 * ({@code src/test/resources/rules/entity-rules.tsv}), so the CRF model plays no part and a model change cannot
 * break these tests. Knowledge base: the bundled one. An expected entry {@code !Name} says that no person, organisation or place has that name.
 */
class EntityRuleCasesTest {

    private static final Path CASES = Path.of("src/test/resources/rules/entity-rules.tsv");

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

    /** A recogniser that returns every whole-word occurrence of the given surfaces in the body. */
    private static EntityRecognizer given(String spec) {
        return new EntityRecognizer() {
            @Override
            public String name() {
                return "given-spans";
            }

            @Override
            public List<NamedSpan> recognize(Document document) {
                List<NamedSpan> spans = new ArrayList<>();
                for (String part : spec.split(";")) {
                    if (part.isEmpty()) {
                        continue;
                    }
                    String[] kv = part.split("=");
                    Matcher m = Pattern.compile("(?<![\\p{L}])" + Pattern.quote(kv[0]) + "(?![\\p{L}])")
                            .matcher(document.body());
                    while (m.find()) {
                        int s = m.start();
                        int e = m.end();
                        if (spans.stream().noneMatch(x -> x.start() < e && s < x.end())) {
                            spans.add(new NamedSpan(Field.BODY, s, e, kv[0], EntityType.valueOf(kv[1])));
                        }
                    }
                }
                spans.sort((a, b) -> Integer.compare(a.start(), b.start()));
                return spans;
            }
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ruleCase(String text, String spans, String expected) {
        EntityStage stage = new EntityStage(KnowledgeBase.bundled(), given(spans));
        Document doc = stage.apply(Document.of("case", "", text, false, "en", Instant.parse("2025-06-01T09:00:00Z")));
        for (String e : expected.split(";")) {
            if (e.startsWith("!")) {
                String absent = e.substring(1);
                assertThat(doc.entities()).as("no person, organisation or place %s", absent)
                        .noneMatch(x -> x.name().equals(absent) && x.type() != EntityType.MISC);
                continue;
            }
            String[] f = e.split("\\|");
            Document.Entity found = doc.entities().stream().filter(x -> x.name().equals(f[0])).findFirst()
                    .orElse(null);
            assertThat(found).as("entity %s among %s", f[0], doc.entities().stream().map(Document.Entity::name)
                    .toList()).isNotNull();
            assertThat(found.type()).as(f[0]).isEqualTo(EntityType.valueOf(f[1]));
            List<String> mentions = found.mentions().stream().map(Document.Mention::text).toList();
            for (String m : f[2].split("/")) {
                assertThat(mentions).as("mentions of %s", f[0]).contains(m);
            }
            if (f.length > 3) {
                assertThat(found.leader()).as("%s is a leader", f[0]).isEqualTo(f[3].equals("leader"));
            }
        }
    }
}
