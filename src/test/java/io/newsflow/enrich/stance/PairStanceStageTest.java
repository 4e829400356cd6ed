package io.newsflow.enrich.stance;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.Document;
import io.newsflow.enrich.Document.Polarity;
import io.newsflow.enrich.Document.TargetType;
import io.newsflow.enrich.pairs.DirectedStanceModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The learned pair stage on hand-built documents (entities given, no NER model). */
class PairStanceStageTest {

    private static final String TEXT = "Senator Ana Ruiz praised Governor Tom Lee for the new bridge.";
    private static final String ENTITIES = "Ana Ruiz=PERSON;Tom Lee=PERSON";

    @Test
    void aClearPraiseBetweenTwoNamedPeopleBecomesAnEntityStance() {
        Document doc = new PairStanceStage(DirectedStanceModel.shared(), 0.5)
                .apply(StanceRuleCasesTest.document(TEXT, ENTITIES));
        assertThat(doc.stances()).extracting(Document.Stance::holderName, Document.Stance::polarity,
                Document.Stance::targetName, Document.Stance::targetType, Document.Stance::method)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Ana Ruiz", Polarity.FAVOR, "Tom Lee",
                        TargetType.ENTITY, "stance.pair-model"));
        assertThat(doc.stances().get(0).confidence()).isBetween(0.5, 1.0);
    }

    @Test
    void aPairTheRulesAlreadyTaggedIsLeftAlone() {
        Document tagged = new StanceStage().apply(StanceRuleCasesTest.document(TEXT, ENTITIES));
        assertThat(tagged.stances()).hasSize(1);
        Document doc = new PairStanceStage(DirectedStanceModel.shared(), 0.5).apply(tagged);
        assertThat(doc.stances()).isEqualTo(tagged.stances());
    }

    @Test
    void aSentenceWithOneEntityIsNotClassified() {
        Document doc = new PairStanceStage(DirectedStanceModel.shared(), 0.0)
                .apply(StanceRuleCasesTest.document("Ana Ruiz praised the new bridge.", "Ana Ruiz=PERSON"));
        assertThat(doc.stances()).isEmpty();
    }

    @Test
    void actsAreWrittenInTheirIngForm() {
        assertThat(List.of("raise", "stop", "lift", "tie", "see", "visit", "end").stream()
                .map(StanceStage::gerund).toList())
                .containsExactly("raising", "stopping", "lifting", "tying", "seeing", "visiting", "ending");
    }
}
