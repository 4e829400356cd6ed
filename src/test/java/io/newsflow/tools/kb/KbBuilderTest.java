package io.newsflow.tools.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.newsflow.enrich.kb.KbCountry;
import io.newsflow.enrich.kb.KbOrganization;
import io.newsflow.enrich.kb.KbPerson;
import io.newsflow.enrich.kb.KnowledgeBase;
import io.newsflow.enrich.kb.Office;
import io.newsflow.enrich.kb.OfficeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Builds the knowledge base from ../shared/data/kb and checks facts and that the bundled copy is up to date. */
class KbBuilderTest {

    private static final Path SOURCES = Path.of("../shared/data/kb");
    private static KnowledgeBase built;

    @BeforeAll
    static void build() throws Exception {
        assumeTrue(Files.isDirectory(SOURCES), "shared/data/kb not present");
        built = new KbBuilder().build(SOURCES, Path.of("src/main/kb/curated.json"));
    }

    private static String holder(OfficeKind kind, String country, String date) {
        return built.holders(kind, country, LocalDate.parse(date)).get(0).name();
    }

    @Test
    void resolvesOfficeHoldersByDate() {
        assertThat(holder(OfficeKind.HEAD_OF_GOVERNMENT, "GB", "2023-03-01")).isEqualTo("Rishi Sunak");
        assertThat(holder(OfficeKind.HEAD_OF_GOVERNMENT, "GB", "2025-02-18")).isEqualTo("Keir Starmer");
        assertThat(holder(OfficeKind.HEAD_OF_GOVERNMENT, "GB", "2026-09-01")).isEqualTo("Andy Burnham");
        assertThat(holder(OfficeKind.HEAD_OF_STATE, "US", "2024-06-01")).isEqualTo("Joe Biden");
        assertThat(holder(OfficeKind.HEAD_OF_STATE, "US", "2025-02-18")).isEqualTo("Donald Trump");
        assertThat(holder(OfficeKind.HEAD_OF_STATE, "FR", "2025-02-18")).isEqualTo("Emmanuel Macron");
        assertThat(holder(OfficeKind.FOREIGN_MINISTER, "RU", "2025-02-18")).isEqualTo("Sergey Lavrov");
        assertThat(holder(OfficeKind.FOREIGN_MINISTER, "US", "2025-02-18")).isEqualTo("Marco Rubio");
        assertThat(holder(OfficeKind.DEFENCE_MINISTER, "US", "2025-02-18")).isEqualTo("Pete Hegseth");
        assertThat(holder(OfficeKind.HEAD_OF_GOVERNMENT, "DE", "2025-02-18")).isEqualTo("Olaf Scholz");
        assertThat(holder(OfficeKind.HEAD_OF_GOVERNMENT, "DE", "2025-06-01")).isEqualTo("Friedrich Merz");
        assertThat(holder(OfficeKind.ORG_HEAD, "NATO", "2025-02-18")).isEqualTo("Mark Rutte");
        assertThat(holder(OfficeKind.HEAD_OF_STATE, "SA", "2025-02-18")).as("curated correction")
                .isEqualTo("Salman bin Abdulaziz");
        assertThat(built.personsNamed("Kaja Kallas").get(0).officeOn(LocalDate.parse("2025-06-01")))
                .as("an office left for another jurisdiction ends").get()
                .extracting(Office::jurisdiction).isEqualTo("EU");
        assertThat(built.personsNamed("Kaja Kallas").get(0).officeOn(LocalDate.parse("2023-06-01"))).get()
                .extracting(Office::jurisdiction).isEqualTo("EE");
        assertThat(built.personsNamed("Charles III").get(0).offices()).as("a monarch's realms stay concurrent")
                .filteredOn(o -> o.jurisdiction().equals("NZ")).allMatch(o -> o.end() == null);
    }

    @Test
    void carriesQidsAliasesCountriesAndOrganisations() {
        KbPerson putin = built.personsNamed("Putin").get(0);
        assertThat(putin.qid()).isEqualTo("Q7747");
        assertThat(putin.leader()).isTrue();
        assertThat(built.personsNamed("Zelenskiy")).extracting(KbPerson::qid).containsExactly("Q3874799");
        assertThat(built.personsNamed("erdogan")).extracting(KbPerson::name).containsExactly("Recep Tayyip Erdoğan");
        assertThat(built.countryByDemonym("French")).get().extracting(KbCountry::code).isEqualTo("FR");
        assertThat(built.countryNamed("Britain")).get().extracting(KbCountry::code).isEqualTo("GB");
        assertThat(built.countryNamed("Russia")).get().extracting(KbCountry::qid).isEqualTo("Q159");
        assertThat(built.organizationNamed("the Kremlin")).get().extracting(KbOrganization::country).isEqualTo("RU");
        assertThat(built.organizationNamed("NATO")).get().extracting(KbOrganization::qid).isEqualTo("Q7184");
        assertThat(built.countries().stream().filter(KbCountry::unMember)).hasSize(193 + 1);
        assertThat(built.dataDate()).isEqualTo("2026-08-22");
        assertThat(built.personsNamed("von der Leyen")).extracting(KbPerson::qid).as("corrected QID")
                .containsExactly("Q60772");
        assertThat(built.personsNamed("Orbán")).extracting(KbPerson::qid).containsExactly("Q57641");
        assertThat(built.personsNamed("Jaishankar")).as("curated entry merged with the Wikidata one by its alias")
                .singleElement().satisfies(p -> assertThat(p.qid()).isNotNull());
    }

    @Test
    void aMonarchIsKnownByTheRegnalNameNeverByTheCountryAndShortSurnamesAreNoAliases() {
        assertThat(built.personsNamed("Felipe VI")).extracting(KbPerson::name).containsExactly("Felipe VI of Spain");
        assertThat(built.personsNamed("Willem-Alexander")).hasSize(1);
        for (String country : java.util.List.of("Spain", "Jordan", "Sweden", "Netherlands", "Monaco", "Belgium")) {
            assertThat(built.personsNamed(country)).as(country).isEmpty();
        }
        for (String word : java.util.List.of("Tax", "Sen", "Bio", "Ali")) {
            assertThat(built.personsNamed(word)).as(word).isEmpty();
        }
        assertThat(built.personsNamed("Xi")).as("curated short alias kept").extracting(KbPerson::name)
                .containsExactly("Xi Jinping");
    }

    @Test
    void theBundledKnowledgeBaseIsTheBuildOfTheCurrentSources() {
        KnowledgeBase bundled = KnowledgeBase.bundled();
        assertThat(bundled.dataDate()).isEqualTo(built.dataDate());
        assertThat(bundled.persons()).as("run `newsflow kb build` after changing curated.json")
                .containsExactlyElementsOf(built.persons());
        assertThat(bundled.countries()).containsExactlyElementsOf(built.countries());
        assertThat(bundled.organizations()).containsExactlyElementsOf(built.organizations());
    }
}
