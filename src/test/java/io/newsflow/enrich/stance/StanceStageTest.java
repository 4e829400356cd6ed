package io.newsflow.enrich.stance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.newsflow.enrich.Document;
import io.newsflow.enrich.Document.Polarity;
import io.newsflow.enrich.Document.TargetType;
import io.newsflow.enrich.PipelineStages;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The experimental stance stage on texts written for these tests, with the real entity stage. */
class StanceStageTest {

    private static final PipelineStages STAGES = PipelineStages.named(List.of("entities", "stances"));

    private static List<Document.Stance> stances(String body) {
        return STAGES.process(Document.of("s", "", body, false, "en", Instant.parse("2025-02-20T12:00:00Z")))
                .stances();
    }

    @Test
    void stanceVerbsAgainstTopicsAndForEntities() {
        List<Document.Stance> s = stances("Emmanuel Macron warned against a capitulation dressed up as peace.\n"
                + "Keir Starmer praised Volodymyr Zelenskyy for his courage.");
        assertThat(s).extracting(Document.Stance::holderName, Document.Stance::polarity, Document.Stance::targetName,
                Document.Stance::targetType).containsExactly(
                        tuple("Emmanuel Macron", Polarity.AGAINST, "capitulation dressed up",
                                TargetType.TOPIC),
                        tuple("Keir Starmer", Polarity.FAVOR, "Volodymyr Zelenskyy",
                                TargetType.ENTITY));
        assertThat(s.get(0).target()).isEqualTo("topic:capitulation");
        assertThat(s.get(0).evidence()).isEqualTo("warned against a capitulation dressed up");
        assertThat(s.get(0).cue()).isEqualTo("warned against");
    }

    @Test
    void aCallForSomeoneOrSomethingToGoIsAgainstIt() {
        List<Document.Stance> s = stances("Kemi Badenoch called for Rachel Reeves to be sacked.\n"
                + "Nigel Farage called for the property levy to be scrapped.\n"
                + "Mark Rutte urged Germany to spend more.");
        assertThat(s).extracting(Document.Stance::holderName, Document.Stance::polarity, Document.Stance::targetName)
                .contains(tuple("Kemi Badenoch", Polarity.AGAINST, "Rachel Reeves"),
                        tuple("Nigel Farage", Polarity.AGAINST, "property levy"))
                .noneMatch(t -> "Germany".equals(t.toList().get(2)));
        assertThat(s.get(0).evidence()).isEqualTo("called for Rachel Reeves to be sacked");
    }

    @Test
    void aNameAfterAPrepositionInTheObjectIsPartOfATopic() {
        List<Document.Stance> s = stances("Faisal bin Farhan ruled out normalisation with Israel.\n"
                + "Gideon Saar opposed any role for Hamas in governing Gaza.\n"
                + "Recep Tayyip Erdoğan criticised Benjamin Netanyahu.");
        assertThat(s).extracting(Document.Stance::holderName, Document.Stance::targetType, Document.Stance::targetName)
                .containsExactly(tuple("Faisal bin Farhan", TargetType.TOPIC, "normalisation with Israel"),
                        tuple("Gideon Sa'ar", TargetType.TOPIC, "role for Hamas in governing Gaza"),
                        tuple("Recep Tayyip Erdoğan", TargetType.ENTITY, "Benjamin Netanyahu"));
    }

    @Test
    void aPossessiveNameBeforeAnInitiativeMakesTheInitiativeTheTopic() {
        List<Document.Stance> s = stances("António Guterres welcomed Indonesia's coal pledge on Monday.\n"
                + "Dmitry Peskov dismissed NATO's spending drive.\nPete Hegseth criticised Spain's position.");
        assertThat(s).extracting(Document.Stance::holderName, Document.Stance::targetType, Document.Stance::targetName)
                .containsExactly(tuple("António Guterres", TargetType.TOPIC, "Indonesia's coal pledge"),
                        tuple("Dmitry Peskov", TargetType.TOPIC, "NATO's spending drive"),
                        tuple("Pete Hegseth", TargetType.ENTITY, "Spain"));
    }

    @Test
    void aNameAfterAGerundIsPartOfTheActAndWhatSomeoneCalledIsTheTopic() {
        List<Document.Stance> s = stances("Emmanuel Macron ruled out dissolving the National Assembly a second time.\n"
                + "Olivier Faure denounced what its leaders called a backroom deal between the parties.");
        assertThat(s).extracting(Document.Stance::holderName, Document.Stance::targetType, Document.Stance::targetName)
                .containsExactly(
                        tuple("Emmanuel Macron", TargetType.TOPIC, "dissolving the National Assembly a second time"),
                        tuple("Olivier Faure", TargetType.TOPIC, "backroom deal between the parties"));
    }

    @Test
    void aTopicPhraseDropsAFrameThatOnlyCarriesTheProposal() {
        List<Document.Stance> s = stances("Narendra Modi backed the proposal to create a permanent maritime secretariat "
                + "in Nairobi.\nJerome Powell pushed back against market bets on a cut in December.");
        assertThat(s).extracting(Document.Stance::holderName, Document.Stance::targetName)
                .containsExactly(tuple("Narendra Modi", "permanent maritime secretariat"),
                        tuple("Jerome Powell", "cut in December"));
        assertThat(s.get(0).evidence()).isEqualTo("backed the proposal to create a permanent maritime secretariat");
    }

    @Test
    void negationFlipsAndHedgingLowersConfidence() {
        List<Document.Stance> s = stances("Friedrich Merz did not back new sanctions on Monday.\n"
                + "Giorgia Meloni may support a ceasefire next week.");
        assertThat(s).hasSize(2);
        assertThat(s.get(0).polarity()).isEqualTo(Polarity.AGAINST);
        assertThat(s.get(0).targetName()).isEqualTo("new sanctions");
        assertThat(s.get(0).target()).isEqualTo("topic:sanctions");
        assertThat(s.get(0).confidence()).isLessThan(0.8);
        assertThat(s.get(1).polarity()).isEqualTo(Polarity.FAVOR);
        assertThat(s.get(1).confidence()).isLessThan(0.8);
    }

    @Test
    void ignoresCuesInsideQuotesNounUsesAndPassives() {
        assertThat(stances("“We rejected nothing,” Sergey Lavrov said.\n"
                + "Sergey Lavrov dismissed calls for a ceasefire.\n"
                + "Kaja Kallas was accused of bias by Moscow.\n"
                + "Keir Starmer said the plan was backed by Emmanuel Macron.\n"
                + "Keir Starmer said a guarantee backed up with NATO air power was needed."))
                .extracting(Document.Stance::polarity)
                .containsExactly(Polarity.AGAINST);
    }

    @Test
    void expressedSupportAndRefusalCues() {
        List<Document.Stance> s = stances("Pedro Sánchez expressed readiness for a ceasefire on Sunday.\n"
                + "Viktor Orbán said he will not accept new sanctions on Moscow.");
        assertThat(s).extracting(Document.Stance::polarity, Document.Stance::targetName, Document.Stance::cue)
                .containsExactly(tuple(Polarity.FAVOR, "ceasefire", "expressed readiness for"),
                        tuple(Polarity.AGAINST, "new sanctions on Moscow", "will not accept"));
        assertThat(s.get(0).holderName()).isEqualTo("Pedro Sánchez");
    }

    @Test
    void aTopicLexiconFromAFileReplacesTheBuiltInOne() {
        var topics = StanceStage.loadTopics(java.nio.file.Path.of("config/stance-topics.example.yaml"));
        assertThat(topics).containsEntry("migration pact", List.of("migration pact", "asylum reform", "asylum rules"));
        PipelineStages custom = PipelineStages.named(List.of("entities", "stances"), null, topics);
        List<Document.Stance> s = custom.process(Document.of("t", "", "Giorgia Meloni backed the asylum reform "
                + "on Thursday.", false, "en", Instant.parse("2025-02-20T12:00:00Z"))).stances();
        assertThat(s).extracting(Document.Stance::target, Document.Stance::polarity)
                .containsExactly(tuple("topic:migration-pact", Polarity.FAVOR));
        assertThat(s.get(0).confidence()).isEqualTo(0.8);
        assertThat(stances("Giorgia Meloni backed the asylum reform on Thursday."))
                .extracting(Document.Stance::target, Document.Stance::targetName, Document.Stance::confidence)
                .containsExactly(tuple("topic:asylum-reform", "asylum reform", 0.6));
    }

    @Test
    void aSentenceOpeningParticipleTakesTheSubjectAfterTheComma() {
        List<Document.Stance> s = stances("Praising the courage of Volodymyr Zelenskyy, Keir Starmer promised more "
                + "help.\nCriticising new sanctions, Viktor Orbán said Europe was hurting itself.\n"
                + "Keir Starmer spoke, praising nobody.");
        assertThat(s).extracting(Document.Stance::holderName, Document.Stance::polarity, Document.Stance::targetName)
                .containsExactly(tuple("Keir Starmer", Polarity.FAVOR, "Volodymyr Zelenskyy"),
                        tuple("Viktor Orbán", Polarity.AGAINST, "new sanctions"));
        assertThat(s.get(0).evidence()).isEqualTo("Praising the courage of Volodymyr Zelenskyy");
    }

    @Test
    void anEntityIntroducedByByFromOrAQuotationIsNotTheTarget() {
        assertThat(stances("Benjamin Netanyahu rejected a call by the United Nations for a pause.\n"
                + "Jordan Bardella criticised the plan as “a gamble that France cannot afford”."))
                .noneMatch(st -> st.targetType() == TargetType.ENTITY);
    }

    @Test
    void thanksAndBlameAreStancesTowardAPerson() {
        List<Document.Stance> s = stances("Volodymyr Zelenskyy thanked Pedro Sánchez for the air-defence systems.\n"
                + "Viktor Orbán blamed Ursula von der Leyen for the delay.\n"
                + "Thanks to Keir Starmer, the summit went ahead.");
        assertThat(s).extracting(Document.Stance::holderName, Document.Stance::polarity, Document.Stance::targetName)
                .containsExactly(tuple("Volodymyr Zelenskyy", Polarity.FAVOR, "Pedro Sánchez"),
                        tuple("Viktor Orbán", Polarity.AGAINST, "Ursula von der Leyen"));
    }

    @Test
    void aClauseAfterAndTakesTheSentenceSubject() {
        List<Document.Stance> s = stances("Sergey Lavrov said Western troops would be a target, and accused "
                + "Emmanuel Macron of recklessness.\nKeir Starmer flew to Kyiv on Monday. Speaking there, he said help "
                + "would continue, and thanked Volodymyr Zelenskyy for the invitation.");
        assertThat(s).extracting(Document.Stance::holderName, Document.Stance::polarity, Document.Stance::targetName)
                .containsExactly(tuple("Sergey Lavrov", Polarity.AGAINST, "Emmanuel Macron"),
                        tuple("Keir Starmer", Polarity.FAVOR, "Volodymyr Zelenskyy"));
    }

    @Test
    void aPronounSubjectMayHaveAuxiliariesBeforeTheCue() {
        assertThat(stances("Donald Trump spoke to Chinese leaders. He has also praised Xi Jinping as a tough leader."))
                .extracting(Document.Stance::holderName, Document.Stance::targetName)
                .containsExactly(tuple("Donald Trump", "Xi Jinping"));
    }

    @Test
    void warnedIsAStanceOnlyWithANamedObjectAndWhatItWarnsAgainst() {
        List<Document.Stance> s = stances("Friedrich Merz warned Russian President Vladimir Putin against testing "
                + "NATO.\nFriedrich Merz warned Vladimir Putin would not stop.\nKeir Starmer warned that Emmanuel "
                + "Macron was right.");
        assertThat(s).extracting(Document.Stance::holderName, Document.Stance::polarity, Document.Stance::targetName)
                .containsExactly(tuple("Friedrich Merz", Polarity.AGAINST, "Vladimir Putin"));
    }

    @Test
    void aTopicIsNamedByTheObjectPhraseAsWritten() {
        assertThat(stances("Kaja Kallas warned against lifting sanctions on Moscow.\n"
                + "The Holy See expressed a strong interest in hosting the peace talks, the Vatican said.\n"
                + "Emmanuel Macron criticised what he called “the weaponisation of trade”.\n"
                + "Keir Starmer urged allies to keep up arms deliveries.\n"
                + "Friedrich Merz welcomed the offer.\n"
                + "Keir Starmer backed the principle of a security guarantee."))
                .extracting(Document.Stance::polarity, Document.Stance::targetName, Document.Stance::target)
                .containsExactly(tuple(Polarity.AGAINST, "lifting sanctions on Moscow", "topic:sanctions"),
                        tuple(Polarity.FAVOR, "hosting the peace talks", "topic:peace-deal"),
                        tuple(Polarity.AGAINST, "weaponisation of trade", "topic:weaponisation-of-trade"),
                        tuple(Polarity.FAVOR, "keep up arms deliveries", "topic:arms-deliveries"),
                        tuple(Polarity.FAVOR, "security guarantee", "topic:security-guarantee"));
    }

    @Test
    void aNameModifyingANounOrAskedToActIsNotTheTarget() {
        assertThat(stances("Andrii Sybiha welcomed the Senate bill on Tuesday.\n"
                + "Gitanas Nausėda called for NATO to station more air defences in the Baltics."))
                .noneMatch(st -> st.targetType() == TargetType.ENTITY);
    }

    @Test
    void aBodyBeforeATitledPersonIsThePersonAndANameAfterAnArticleIsAModifier() {
        List<Document.Stance> s = stances("House Speaker Mike Johnson met donors and called for a fresh look at the "
                + "mandate.\nEmmanuel Macron called for a new joint EU borrowing programme.");
        assertThat(s).extracting(Document.Stance::holderName, Document.Stance::targetType, Document.Stance::targetName)
                .containsExactly(tuple("Mike Johnson", TargetType.TOPIC, "fresh look at the mandate"),
                        tuple("Emmanuel Macron", TargetType.TOPIC, "new joint EU borrowing programme"));
    }

    @Test
    void aPronounOrAnotherClauseBeforeANameAndTopicsAfterPersonCuesAreNoTargets() {
        List<Document.Stance> s = stances("Benjamin Netanyahu spoke first. Keir Starmer backed him and condemned Hamas "
                + "for the attack.\nYair Lapid accused the government of sabotaging the talks.\n"
                + "Badr Abdelatty urged both sides to return to the table.\n"
                + "Donald Trump criticised the bill, saying Europe should pay more.");
        assertThat(s).extracting(Document.Stance::holderName, Document.Stance::polarity, Document.Stance::targetName)
                .containsExactly(tuple("Keir Starmer", Polarity.AGAINST, "Hamas"),
                        tuple("Badr Abdelatty", Polarity.FAVOR, "return to the table"));
    }
}
