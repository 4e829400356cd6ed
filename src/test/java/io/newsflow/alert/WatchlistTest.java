package io.newsflow.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.enrich.kb.KnowledgeBase;
import io.newsflow.schema.AlertTier;
import io.newsflow.schema.Polarity;
import io.newsflow.schema.RuleType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchlistTest {

    private static final KnowledgeBase KB = KnowledgeBase.bundled();

    @TempDir
    Path dir;

    @Test
    void bundledDefaultWatchesEveryLeaderWithOneRuleOfEachType() {
        Watchlist w = Watchlist.defaults(KB);
        assertThat(w.rules()).extracting(Rule::type).contains(RuleType.values());
        long leaders = KB.persons().stream().filter(p -> p.leader()).count();
        assertThat(w.rules()).filteredOn(r -> r.type() != RuleType.CO_MENTION)
                .allSatisfy(r -> assertThat(r.leaders().ids()).hasSize((int) leaders));
        Rule together = w.rules(RuleType.CO_MENTION).get(0);
        assertThat(together.leaders().ids()).contains("Q7747", "Q3052772", "Q58217").hasSizeLessThan((int) leaders);
        assertThat(w.rules(AlertTier.FAST)).extracting(Rule::name).containsExactly("leader-in-headline");
    }

    @Test
    void exampleFileResolvesNamesCountriesAndGroups() {
        Watchlist w = Watchlist.load(Path.of("config/watchlist.example.yaml"), KB);
        Rule quoted = w.rules().get(0);
        assertThat(quoted.leaders().ids()).containsExactlyInAnyOrder("Q58217", "Q3052772");
        Rule g7 = w.rules().stream().filter(r -> r.name().equals("g7-leader-against-ceasefire")).findFirst().orElseThrow();
        assertThat(g7.leaders().ids()).contains("Q3052772").doesNotContain("Q58217");
        assertThat(g7.polarity()).isEqualTo(Polarity.AGAINST);
        assertThat(g7.acceptsTarget("topic:ceasefire", "ceasefire")).isTrue();
        assertThat(g7.acceptsTarget("topic:sanctions", "sanctions")).isFalse();
        assertThat(g7.tier()).isEqualTo(AlertTier.FULL);
        Rule headline = w.rules().stream().filter(r -> r.name().equals("zelensky-in-headline")).findFirst().orElseThrow();
        assertThat(headline.tier()).isEqualTo(AlertTier.FAST);
        assertThat(headline.inHeadline()).isTrue();
    }

    @Test
    void jsonWorksToo() {
        Watchlist w = Watchlist.parse("{\"rules\":[{\"name\":\"q\",\"type\":\"QUOTED\",\"leaders\":[\"Q58217\"]}]}",
                false, KB, "inline");
        assertThat(w.rules()).singleElement().satisfies(r -> assertThat(r.leaders().ids()).containsExactly("Q58217"));
    }

    @Test
    void mistakesFailWithAMessageNamingTheRule() {
        assertThatThrownBy(() -> Watchlist.parse("rules: [{name: x, type: QUOTED, leaders: [\"Nobody Atall\"]}]",
                true, KB, "f")).hasMessageContaining("rule 'x'").hasMessageContaining("Nobody Atall");
        assertThatThrownBy(() -> Watchlist.parse("rules: [{name: x, type: QUOTED, leader: [\"Q58217\"]}]",
                true, KB, "f")).hasMessageContaining("leader");
        assertThatThrownBy(() -> Watchlist.parse("rules: [{name: x, type: SPIKE, window: PT2H, baseline: PT1H}]",
                true, KB, "f")).hasMessageContaining("baseline > window");
        assertThatThrownBy(() -> Watchlist.parse("rules: [{name: x, type: QUOTED}, {name: x, type: STANCE}]",
                true, KB, "f")).hasMessageContaining("duplicate rule name 'x'");
        assertThatThrownBy(() -> Watchlist.parse("rules: [{name: x, type: QUOTED, leaders: [group:nope]}]",
                true, KB, "f")).hasMessageContaining("unknown group 'nope'");
    }

    @Test
    void fileSourceReloadsOnChangeAndKeepsTheOldRulesWhenTheNewFileIsBroken() throws IOException {
        Path file = dir.resolve("watch.yaml");
        Files.writeString(file, "rules: [{name: one, type: QUOTED}]");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        WatchlistSource source = WatchlistSource.watching(file, KB, Duration.ZERO, Clock.systemUTC());
        assertThat(source.get().rules()).extracting(Rule::name).containsExactly("one");

        Files.writeString(file, "rules: [{name: one, type: QUOTED}, {name: two, type: CO_MENTION}]");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-02T00:00:00Z")));
        assertThat(source.get().rules()).extracting(Rule::name).containsExactly("one", "two");

        Files.writeString(file, "rules: [{name: broken, type: NOT_A_TYPE}]");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-03T00:00:00Z")));
        assertThat(source.reloadIfChanged()).isFalse();
        assertThat(source.get().rules()).extracting(Rule::name).containsExactly("one", "two");
    }
}
