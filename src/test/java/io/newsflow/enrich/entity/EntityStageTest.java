package io.newsflow.enrich.entity;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.Document;
import io.newsflow.enrich.Document.Entity;
import io.newsflow.enrich.Document.EntityType;
import io.newsflow.enrich.Document.MentionKind;
import io.newsflow.enrich.normalize.NormalizeStage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The entity stage with the real CRF model and the bundled knowledge base, on texts written for these tests. */
class EntityStageTest {

    private static final EntityStage STAGE = EntityStage.standard();

    private static Document annotate(String title, String body, String date) {
        Document doc = new NormalizeStage().apply(Document.of("t", title, body, false, "en",
                date == null ? null : Instant.parse(date + "T12:00:00Z")));
        return STAGE.apply(doc);
    }

    private static Optional<Entity> entity(Document doc, String name) {
        return doc.entities().stream().filter(e -> e.name().equals(name)).findFirst();
    }

    private static List<String> forms(Entity e, MentionKind kind) {
        return e.mentions().stream().filter(m -> m.kind() == kind).map(Document.Mention::text).distinct().toList();
    }

    @Test
    void clustersFullNameSurnamePossessiveAndTitlePlusName() {
        Document doc = annotate("Putin signals readiness for talks",
                "Vladimir Putin said on Tuesday he was ready to meet. Putin's spokesman confirmed the offer, "
                        + "and President Putin later repeated it on television.", "2025-03-04");
        Entity putin = entity(doc, "Vladimir Putin").orElseThrow();
        assertThat(putin.qid()).isEqualTo("Q7747");
        assertThat(putin.type()).isEqualTo(EntityType.PERSON);
        assertThat(putin.leader()).isTrue();
        assertThat(putin.role()).isEqualTo("President of Russia");
        assertThat(forms(putin, MentionKind.NAME)).containsExactlyInAnyOrder("Putin", "Vladimir Putin", "President Putin");
        assertThat(putin.mentions()).as("headline, full name, possessive (without 's), title + name").hasSize(4);
        assertThat(putin.salience()).isEqualTo(1.0);
        assertThat(doc.entities().stream().filter(e -> e.type() == EntityType.PERSON)).hasSize(1);
    }

    @Test
    void namesWithLowerCaseParticlesStayWholeAndATitleBeforeAnUnknownPersonMakesALeader() {
        Document doc = annotate(null, "Qatari national security adviser Hamad al Marri met the envoys, and "
                + "the economist Pieter van den Broek said the deal would hold. But former national security adviser "
                + "Tomas Lindqvist disagreed on Friday.", "2025-05-02");
        Entity marri = entity(doc, "Hamad al Marri").orElseThrow();
        assertThat(marri.leader()).isTrue();
        assertThat(marri.role()).isEqualTo("national security adviser of Qatar");
        assertThat(forms(marri, MentionKind.NAME)).containsExactly("Hamad al Marri");
        assertThat(entity(doc, "Pieter van den Broek")).hasValueSatisfying(e -> assertThat(e.leader()).isFalse());
        assertThat(entity(doc, "Tomas Lindqvist")).as("a former office-holder is not a leader")
                .hasValueSatisfying(e -> assertThat(e.leader()).isFalse());
        Document current = annotate(null, "But national security adviser Tomas Lindqvist disagreed on Friday.",
                "2025-05-02");
        assertThat(entity(current, "Tomas Lindqvist")).hasValueSatisfying(e -> {
            assertThat(e.leader()).isTrue();
            assertThat(e.role()).isEqualTo("national security adviser");
        });
    }

    @Test
    void aBareSurnameMeansThePersonNamedInTheArticleNotAKnowledgeBaseNamesake() {
        Document doc = annotate(null, "Former mayor Viktor Novak was convicted on Monday. Novak denied the charges.",
                "2025-05-02");
        Entity novak = entity(doc, "Viktor Novak").orElseThrow();
        assertThat(novak.qid()).isNull();
        assertThat(forms(novak, MentionKind.NAME)).containsExactly("Viktor Novak", "Novak");
        assertThat(doc.entities()).noneMatch(e -> e.name().equals("Katalin Novák"));
    }

    @Test
    void honorificsAndTransliterationsJoinOneEntity() {
        Document doc = annotate(null, "Volodymyr Zelenskyy thanked his allies. Mr Zelensky said the aid would "
                + "arrive within weeks, and Zelenskiy's office published the list.", "2025-03-04");
        Entity z = entity(doc, "Volodymyr Zelenskyy").orElseThrow();
        assertThat(z.qid()).isEqualTo("Q3874799");
        assertThat(forms(z, MentionKind.NAME)).containsExactly("Volodymyr Zelenskyy", "Mr Zelensky", "Zelenskiy");
    }

    @Test
    void resolvesTitleOnlyReferencesByCountryAndDate() {
        String body = "The French President said Europe must spend more on defence. Keir Starmer agreed. "
                + "The PM said Britain would lead by example.";
        Document doc = annotate(null, body, "2025-02-20");
        Entity macron = entity(doc, "Emmanuel Macron").orElseThrow();
        assertThat(forms(macron, MentionKind.TITLE)).containsExactly("The French President");
        Entity starmer = entity(doc, "Keir Starmer").orElseThrow();
        assertThat(forms(starmer, MentionKind.TITLE)).containsExactly("The PM");
        assertThat(starmer.role()).isEqualTo("Prime Minister of United Kingdom");

        Document later = annotate(null, "The PM said Britain would lead by example.", "2026-09-01");
        assertThat(entity(later, "Andy Burnham")).as("the PM after July 2026").isPresent();
    }

    @Test
    void titlePlusFullNameLinksAndTypesStayConsistent() {
        Document doc = annotate(null, "Foreign Minister Sergey Lavrov met Secretary of State Marco Rubio in "
                + "Riyadh. Trump later praised the talks, and the Kremlin welcomed Trump's remarks.", "2025-02-18");
        Entity lavrov = entity(doc, "Sergey Lavrov").orElseThrow();
        assertThat(lavrov.qid()).isEqualTo("Q58217");
        assertThat(lavrov.role()).isEqualTo("Foreign Minister of Russia");
        assertThat(entity(doc, "Marco Rubio").orElseThrow().leader()).isTrue();
        Entity trump = entity(doc, "Donald Trump").orElseThrow();
        assertThat(trump.type()).as("never a place or organisation").isEqualTo(EntityType.PERSON);
        assertThat(trump.mentions()).extracting(Document.Mention::text).containsExactly("Trump", "Trump");
        assertThat(entity(doc, "Kremlin").orElseThrow().type()).isEqualTo(EntityType.ORGANIZATION);
        assertThat(entity(doc, "Riyadh").orElseThrow().type()).isEqualTo(EntityType.LOCATION);
    }

    @Test
    void unknownPeopleStayDocumentLocalWithAStableId() {
        Document doc = annotate(null, "Analyst Maria Kowalczyk of Example Capital said the deal was fragile. "
                + "Kowalczyk expects further talks.", "2025-02-18");
        Entity maria = entity(doc, "Maria Kowalczyk").orElseThrow();
        assertThat(maria.qid()).isNull();
        assertThat(maria.leader()).isFalse();
        assertThat(maria.id()).startsWith("local:").isEqualTo(MentionClusters.localId(EntityType.PERSON, "Maria Kowalczyk"));
        assertThat(forms(maria, MentionKind.NAME)).contains("Maria Kowalczyk", "Kowalczyk");
    }

    @Test
    void aPersonIntroducedWithAnOfficeIsALeaderEvenOutsideTheKnowledgeBase() {
        Document doc = annotate(null, "Ruritanian Defence Minister Anna Fictitia said the drills would go ahead. "
                + "Press Secretary Tom Placeholder declined to comment.", "2025-05-01");
        Entity minister = entity(doc, "Anna Fictitia").orElseThrow();
        assertThat(minister.qid()).isNull();
        assertThat(minister.leader()).isTrue();
        assertThat(minister.role()).isEqualTo("Ruritanian Defence Minister");
        Entity press = entity(doc, "Tom Placeholder").orElseThrow();
        assertThat(press.leader()).as("press secretaries are not offices of state").isFalse();

        Document spain = annotate(null, "Spanish Defence Minister Carla Ejemplo arrived in Brussels.", "2025-05-01");
        assertThat(entity(spain, "Carla Ejemplo").orElseThrow().role()).isEqualTo("Defence Minister of Spain");
    }

    @Test
    void mentionOffsetsPointAtTheText() {
        Document doc = annotate("Erdoğan hosts talks", "Recep Tayyip Erdoğan hosted NATO envoys in Ankara.",
                "2025-05-01");
        for (Entity e : doc.entities()) {
            for (Document.Mention m : e.mentions()) {
                assertThat(doc.text(m.field()).substring(m.start(), m.end())).isEqualTo(m.text());
            }
        }
        assertThat(entity(doc, "NATO").orElseThrow().qid()).isEqualTo("Q7184");
        assertThat(entity(doc, "Recep Tayyip Erdoğan").orElseThrow().mentions()).hasSize(2);
    }

    @Test
    void nearMissSpellingsOfTheSameSurnameMatch() {
        assertThat(MentionClusters.nearMiss("zelenskyy", "zelenskiyy")).isTrue();
        assertThat(MentionClusters.nearMiss("zelenskyy", "zelensky")).isTrue();
        assertThat(MentionClusters.nearMiss("merz", "merkel")).isFalse();
        assertThat(MentionClusters.nearMiss("johnson", "jackson")).isFalse();
    }

    @Test
    void aCountryNameThatStartsAPersonsNameIsPartOfTheName() {
        Document doc = annotate("", "National Rally leader Jordan Bardella spoke in Paris. King Felipe VI visited "
                + "Jordan and Spain last week.", null);
        assertThat(entity(doc, "Jordan Bardella").orElseThrow().type()).isEqualTo(EntityType.PERSON);
        assertThat(entity(doc, "Jordan").orElseThrow().type()).isEqualTo(EntityType.LOCATION);
        assertThat(entity(doc, "Spain").orElseThrow().type()).isEqualTo(EntityType.LOCATION);
        assertThat(entity(doc, "Felipe VI of Spain").orElseThrow().mentions()).extracting(Document.Mention::text)
                .containsExactly("Felipe VI");
    }

    @Test
    void aBareTitleMeansThePersonTheArticleIntroducedWithIt() {
        Document doc = annotate("", "Prime Minister Keir Starmer met Mark Rutte in London.\n"
                + "The PM said Britain would lead. Rutte, a former Dutch prime minister, agreed.", null);
        assertThat(forms(entity(doc, "Keir Starmer").orElseThrow(), MentionKind.TITLE)).containsExactly("The PM");
    }

    @Test
    void lowerCaseTitlesResolveWhenQualifiedOrDefiniteAndNamedInTheArticle() {
        Document doc = annotate("", "President Donald Trump met Prime Minister Narendra Modi. Secretary of State Marco "
                + "Rubio joined them.\nThe Indian prime minister praised the president. Aides said the secretary of state "
                + "had warned colleagues. Germany's foreign minister stayed away. The president of the chamber of "
                + "commerce, the president-elect of the club and a prime minister of old were not there.", "2025-09-01");
        assertThat(forms(entity(doc, "Narendra Modi").orElseThrow(), MentionKind.TITLE))
                .containsExactly("The Indian prime minister");
        assertThat(forms(entity(doc, "Donald Trump").orElseThrow(), MentionKind.TITLE)).containsExactly("the president");
        assertThat(forms(entity(doc, "Marco Rubio").orElseThrow(), MentionKind.TITLE))
                .containsExactly("the secretary of state");
        assertThat(entity(doc, "Johann Wadephul")).as("qualified: the knowledge base's holder on the date").isPresent();
    }

    @Test
    void anOfficeSetBesideANameWithCommasIsThatPersonsRoleNotAnotherReference() {
        Document doc = annotate("", "Badr Abdelatty, Egypt’s foreign minister, said the fund would be audited. "
                + "Saudi Arabia’s foreign minister, Prince Faisal bin Farhan Al Saud, ruled out a delay.\n"
                + "Vladimir Putin called. Praising the conduct of the Russian President, Donald Trump said talks would "
                + "go on.", null);
        Entity abdelatty = entity(doc, "Badr Abdelatty").orElseThrow();
        assertThat(abdelatty.leader()).isTrue();
        assertThat(abdelatty.role()).isEqualTo("Foreign Minister of Egypt");
        assertThat(doc.entities()).as("the appositive is no title-only reference to another holder")
                .noneMatch(e -> e.type() == EntityType.PERSON && e.mentions().stream()
                        .allMatch(m -> m.kind() == MentionKind.TITLE));
        assertThat(forms(entity(doc, "Vladimir Putin").orElseThrow(), MentionKind.TITLE))
                .as("a title before ', Trump said' is no appositive").containsExactly("the Russian President");
    }

    @Test
    void aLongerPlaceNameAroundAKnownOneIsItsOwnPlace() {
        Document doc = annotate("", "Pirates struck in the Gulf of Guinea and off Somalia. Latin American governments "
                + "met in Latin America, and officials flew to Washington DC and on to Guinea.", null);
        assertThat(doc.entities()).extracting(Entity::name).contains("Gulf of Guinea", "Somalia", "Guinea")
                .doesNotContain("United States");
        assertThat(entity(doc, "Guinea").orElseThrow().mentions()).extracting(Document.Mention::text)
                .containsExactly("Guinea");
        assertThat(doc.entities()).as("an abbreviation after a known city is no new place")
                .noneMatch(e -> e.name().equals("Washington DC"));
    }

    @Test
    void otherCabinetPortfoliosMakeLeadersAndTheirTitlesResolveToThePersonIntroducedWithThem() {
        Document doc = annotate("", "Keir Starmer backed Rachel Reeves after the Budget. Shabana Mahmood, the Home "
                + "Secretary, welcomed the funding.\nMr Farage accused the Home Secretary of complacency and called for "
                + "the Chancellor to be sacked. Justice Secretary David Lammy said nothing.", "2025-11-27");
        Entity mahmood = entity(doc, "Shabana Mahmood").orElseThrow();
        assertThat(mahmood.leader()).isTrue();
        assertThat(mahmood.role()).isEqualTo("Home Secretary");
        assertThat(forms(mahmood, MentionKind.TITLE)).containsExactly("the Home Secretary");
        assertThat(forms(entity(doc, "Rachel Reeves").orElseThrow(), MentionKind.TITLE))
                .as("the Chancellor of the Exchequer, named in the article").containsExactly("the Chancellor");
    }

    @Test
    void feastsAreNoPeopleAndCentralBanksAreOrganisations() {
        Document doc = annotate("", "\"Nobody wants a shutdown before Christmas,\" Mr Thune said. Andrew Bailey, the "
                + "Governor of the Bank of England, and the Federal Reserve kept rates on hold; the digital euro waits.",
                null);
        assertThat(doc.entities()).extracting(Entity::name).doesNotContain("Christmas", "euro", "Bank", "England")
                .contains("Bank of England", "Federal Reserve");
        assertThat(entity(doc, "Bank of England").orElseThrow().type()).isEqualTo(EntityType.ORGANIZATION);
    }

    @Test
    void aNonOfficeTitleResolvesToTheOnePersonIntroducedWithIt() {
        Document doc = annotate("", "Trump said Governor Gavin Newsom had mismanaged the state. \"Fire does not check "
                + "party registration,\" the governor said. Senator Lisa Murkowski and Sen. Rand Paul disagreed; the "
                + "senator from Kentucky left.", null);
        assertThat(forms(entity(doc, "Gavin Newsom").orElseThrow(), MentionKind.TITLE)).containsExactly("the governor");
        assertThat(doc.entities()).as("two senators were introduced, so 'the senator' is nobody")
                .noneMatch(e -> e.mentions().stream().anyMatch(m -> m.text().equals("the senator")));
    }

    @Test
    void aQualifiedTitleResolvesToThePersonTheArticleIntroducedWithItForThatCountry() {
        Document doc = annotate("", "Germany’s finance minister, Lars Klingbeil, backed the plan. Officials close to the "
                + "German finance minister said Berlin would push for it.", "2025-11-27");
        Entity klingbeil = entity(doc, "Lars Klingbeil").orElseThrow();
        assertThat(klingbeil.role()).isEqualTo("Finance Minister of Germany");
        assertThat(forms(klingbeil, MentionKind.TITLE)).containsExactly("the German finance minister");
    }

    @Test
    void particleSurnamesAndMilitaryOrRoyalHonorificsJoinTheFullName() {
        Document doc = annotate("", "Marike van Rensburg, an economist in Johannesburg, was sceptical. Ms van Rensburg "
                + "said the plan was late. Prime Minister Abiy Ahmed spoke next; Mr Abiy criticised the framework.",
                "2025-11-27");
        assertThat(forms(entity(doc, "Marike van Rensburg").orElseThrow(), MentionKind.NAME))
                .contains("Marike van Rensburg", "Ms van Rensburg");
        assertThat(doc.entities()).noneMatch(e -> e.name().equals("van Rensburg"));
        Entity abiy = entity(doc, "Abiy Ahmed Ali").orElseThrow();
        assertThat(abiy.leader()).isTrue();
        assertThat(forms(abiy, MentionKind.NAME)).contains("Abiy Ahmed", "Mr Abiy");
    }

    @Test
    void aNameEndingInAPlaceWordIsAPlace() {
        Document doc = annotate("", "Delegations met at Dolmabahçe Palace in Istanbul. Fiona Hill, a former adviser, "
                + "said the talks were serious.", null);
        assertThat(entity(doc, "Dolmabahçe Palace").orElseThrow().type()).isEqualTo(EntityType.LOCATION);
        assertThat(entity(doc, "Fiona Hill").orElseThrow().type()).isEqualTo(EntityType.PERSON);
    }

    @Test
    void anOrganisationsTitleMeansWhoeverHeadsIt() {
        Document doc = annotate("", "Rates were held. Asked about a hike, the ECB president called the debate premature. "
                + "The IAEA chief urged Tehran to restore inspections.", "2025-11-27");
        assertThat(forms(entity(doc, "Christine Lagarde").orElseThrow(), MentionKind.TITLE))
                .containsExactly("the ECB president");
        Entity grossi = entity(doc, "Rafael Grossi").orElseThrow();
        assertThat(forms(grossi, MentionKind.TITLE)).containsExactly("The IAEA chief");
        assertThat(grossi.leader()).isTrue();
    }

    @Test
    void aLowerCaseBareTitleWithNoHolderInTheArticleIsNoOne() {
        Document doc = annotate("", "Markets fell on Monday. The prime minister is expected to speak on Tuesday, and "
                + "the president will travel.", "2025-09-01");
        assertThat(doc.entities()).noneMatch(e -> e.type() == EntityType.PERSON);
    }

    @Test
    void theCountrysLeaderIsTheHeadNamedInTheArticleAndAnOrganisationsChiefItsHead() {
        Document doc = annotate("", "Vladimir Putin met Recep Tayyip Erdoğan in Sochi. The Russian leader praised the "
                + "Turkish leader's mediation.\nThe UN chief welcomed the meeting. The Danish leader stayed away.",
                "2025-03-04");
        assertThat(forms(entity(doc, "Vladimir Putin").orElseThrow(), MentionKind.TITLE))
                .containsExactly("The Russian leader");
        assertThat(forms(entity(doc, "Recep Tayyip Erdoğan").orElseThrow(), MentionKind.TITLE))
                .containsExactly("the Turkish leader");
        assertThat(forms(entity(doc, "António Guterres").orElseThrow(), MentionKind.TITLE))
                .containsExactly("The UN chief");
        assertThat(doc.entities()).as("no Danish leader is named, so none is guessed")
                .noneMatch(e -> e.mentions().stream().anyMatch(m -> m.text().contains("Danish leader")));
    }

    @Test
    void aTitleThatIsNoOfficeIsNotPartOfThePersonsName() {
        Document doc = annotate("", "The Federal Reserve kept rates unchanged, and Chair Jerome Powell warned of "
                + "tariffs. Mr Powell said the data would decide.", null);
        Entity powell = entity(doc, "Jerome Powell").orElseThrow();
        assertThat(powell.type()).isEqualTo(EntityType.PERSON);
        assertThat(forms(powell, MentionKind.NAME)).contains("Mr Powell");
    }

    @Test
    void aCapitalisedWordBetweenATitleAndASurnameIsTheFirstName() {
        Document doc = annotate("", "Sen. Rand Paul, a Kentucky Republican, opposed the bill. Paul said so twice.",
                null);
        assertThat(forms(entity(doc, "Rand Paul").orElseThrow(), MentionKind.NAME))
                .containsExactlyInAnyOrder("Rand Paul", "Paul");
    }

    @Test
    void anAcronymDefinedInParenthesesOrSpellingTheInitialsIsTheSameBody() {
        Document doc = annotate(null, "The Coastal Fisheries Alliance (CFA) rejected the quota on Monday. Officials of "
                + "the CFA said talks would resume. The Northern Rail Workers Union also objected, and the NRWU "
                + "called a strike for Friday.", "2025-05-02");
        Entity cfa = doc.entities().stream().filter(e -> e.name().equals("Coastal Fisheries Alliance")).findFirst()
                .orElseThrow();
        assertThat(forms(cfa, MentionKind.NAME)).contains("Coastal Fisheries Alliance", "CFA");
        assertThat(doc.entities()).noneMatch(e -> e.name().equals("CFA") || e.name().equals("NRWU"));
        assertThat(entity(doc, "Northern Rail Workers Union")).hasValueSatisfying(e ->
                assertThat(forms(e, MentionKind.NAME)).contains("NRWU"));
    }

    @Test
    void aKnownNameInsideALongerBodyNameIsNotThatBodyAndAnotherCountrysPartyIsNotTheKnownOne() {
        Document doc = annotate(null, "The UN Human Rights Council adopted the text in Geneva on Friday.", "2025-05-02");
        assertThat(doc.entities()).noneMatch(e -> "Q1065".equals(e.qid()));
        Document sentence = annotate(null, "The vote was close. Several Labour MPs abstained.", "2025-05-02");
        assertThat(sentence.entities()).as("a sentence's first word does not make a longer body name")
                .noneMatch(e -> e.name().startsWith("Several"));
        Document party = annotate(null, "Norway's Labour Party won the most seats, its leader said.", "2025-05-02");
        assertThat(party.entities()).filteredOn(e -> e.type() == EntityType.ORGANIZATION)
                .allSatisfy(e -> assertThat(e.qid()).isNull());
    }

    @Test
    void aFullNameTakesOverEarlierMentionsOfAnyOfItsWordsAndKeepsSuffixesNicknamesAndParticles() {
        Document doc = annotate(null, "Mr Park told reporters he would stay. Park Min-jun, the party chairman, spoke for "
                + "an hour. Separately, Thomas Whitfield Jr. said the bill was dead; Whitfield Jr. voted against it. "
                + "The commander, Ana “Nana” Pereira, arrived later. Khalid bin Sultan bin Fahd Al Mansour, a "
                + "businessman, also attended.", "2025-05-02");
        assertThat(entity(doc, "Park Min-jun")).hasValueSatisfying(e ->
                assertThat(forms(e, MentionKind.NAME)).contains("Mr Park", "Park Min-jun"));
        assertThat(doc.entities()).noneMatch(e -> e.name().equals("Park"));
        assertThat(entity(doc, "Thomas Whitfield Jr.")).isPresent();
        assertThat(entity(doc, "Ana “Nana” Pereira")).isPresent();
        assertThat(entity(doc, "Khalid bin Sultan bin Fahd Al Mansour")).isPresent();
    }

    @Test
    void aPlaceAndATitleBeforeANameAreNotPartOfIt() {
        Document doc = annotate(null, "On Sunday, Lisbon Mayor Rui Almeida opened the bridge.", "2025-05-02");
        assertThat(entity(doc, "Rui Almeida")).hasValueSatisfying(e -> assertThat(e.type()).isEqualTo(EntityType.PERSON));
        assertThat(doc.entities()).anyMatch(e -> e.name().equals("Lisbon") && e.type() == EntityType.LOCATION);
    }

    @Test
    void fullNamesSpelledOtherwiseAreOnePersonAndLinkToTheKnowledgeBase() {
        assertThat(MentionClusters.sameNameSpelledOtherwise("Abdel-Karim el-Massri", "Abdel Karim el-Masri")).isTrue();
        assertThat(MentionClusters.sameNameSpelledOtherwise("Omar Hassan al-Shibani", "Omar al-Shaibani")).isTrue();
        assertThat(MentionClusters.sameNameSpelledOtherwise("Mohammed bin Salman", "Mohammed bin Sultan")).isFalse();
        assertThat(MentionClusters.sameNameSpelledOtherwise("Kim Jong Un", "Kim Jong Il")).isFalse();
        Document doc = annotate(null, "Abdel-Karim el-Massri met donors. Later Abdel Karim el-Masri thanked them.",
                "2025-05-02");
        assertThat(doc.entities().stream().filter(e -> e.type() == EntityType.PERSON)).hasSize(1);
        Document known = annotate(null, "Egyptian President Abdel-Fattah el-Sissi said on Monday that talks would go on.",
                "2025-05-02");
        assertThat(known.entities()).anyMatch(e -> "Q307871".equals(e.qid()));
    }

    @Test
    void malaysianHonorificsAreNoPartOfTheName() {
        Document doc = annotate(null, "Anwar Ibrahim spoke first. Datuk Seri Anwar then left for the airport.",
                "2025-05-02");
        assertThat(doc.entities().stream().filter(e -> e.type() == EntityType.PERSON)).hasSize(1);
    }

    @Test
    void premierMeansThePrimeMinisterOfTheCountryNamed() {
        Document doc = annotate(null, "Keir Starmer met donors in London. The British premier later flew to Rome.",
                "2025-05-02");
        Entity starmer = doc.entities().stream().filter(e -> e.name().equals("Keir Starmer")).findFirst().orElseThrow();
        assertThat(forms(starmer, MentionKind.TITLE)).containsExactly("The British premier");
    }

    @Test
    void aPartyLetterBeforeAStateLeavesThePlaceAndPluralAbbreviationsAreNoEntities() {
        Document doc = annotate(null, "Senators Ann Miller (D-New Hampshire) and Tom Reed (R-Texas) wrote to the agency "
                + "on Monday, and several NGOs backed them.", "2025-05-02");
        assertThat(doc.entities()).anyMatch(e -> e.name().equals("New Hampshire") && e.type() == EntityType.LOCATION);
        assertThat(doc.entities()).noneMatch(e -> e.name().startsWith("D-") || e.name().equals("NGOs"));
    }

    @Test
    void theLastWordOfANameMakesItABodyOrALawAndOneLetterNamesABodyTheKnowledgeBaseKnows() {
        Document doc = annotate(null, "The Harbour County Council voted against the plan, and the Clean Rivers Act was "
                + "called too weak. The mayor wrote on X that the vote was a mistake.", "2025-05-02");
        assertThat(entity(doc, "Harbour County Council")).hasValueSatisfying(e ->
                assertThat(e.type()).isEqualTo(EntityType.ORGANIZATION));
        assertThat(entity(doc, "Clean Rivers Act")).hasValueSatisfying(e ->
                assertThat(e.type()).isEqualTo(EntityType.MISC));
        assertThat(entity(doc, "X")).hasValueSatisfying(e -> assertThat(e.type()).isEqualTo(EntityType.ORGANIZATION));
    }

    @Test
    void anHonorificOrTitleBeforeAFullNameIsNotPartOfTheMentionAndASurnameInsideAHyphenatedNameJoinsIt() {
        Document doc = annotate(null, "Madam Selma Okafor opened the session. Okafor thanked the delegates. Later, "
                + "Omar Hassan al-Rashidi arrived, and Rashidi spoke briefly.", "2025-05-02");
        assertThat(entity(doc, "Selma Okafor")).hasValueSatisfying(e ->
                assertThat(forms(e, MentionKind.NAME)).contains("Selma Okafor").doesNotContain("Madam Selma Okafor"));
        assertThat(entity(doc, "Omar Hassan al-Rashidi")).hasValueSatisfying(e ->
                assertThat(forms(e, MentionKind.NAME)).contains("Rashidi"));
    }

    @Test
    void aShorterNameOfABodyNamedInFullIsThatBody() {
        Document doc = annotate(null, "The Senate Harbour Committee met on Tuesday. The Harbour Committee then voted "
                + "on the plan, and the Africa Fisheries Commission and the African Fisheries Commission both "
                + "welcomed it.", "2025-05-02");
        List<Entity> bodies = doc.entities().stream().filter(e -> e.type() == EntityType.ORGANIZATION).toList();
        assertThat(bodies).filteredOn(e -> e.name().contains("Harbour Committee")).hasSize(1);
        assertThat(bodies).filteredOn(e -> e.name().contains("Fisheries Commission")).hasSize(1);
    }

    @Test
    void capitalisedGenericWordsAreNoEntities() {
        Document doc = annotate(null, "Delegates said Covid had delayed the Summit by a year, and the Chairperson "
                + "closed the session.", "2025-05-02");
        assertThat(doc.entities()).noneMatch(e -> e.name().equals("Covid") || e.name().equals("Summit")
                || e.name().equals("Chairperson"));
    }
}
