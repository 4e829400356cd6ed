package io.newsflow.tools.directed;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.BodyMentions.Located;
import io.newsflow.enrich.Document;
import io.newsflow.enrich.Document.Entity;
import io.newsflow.enrich.Document.EntityType;
import io.newsflow.enrich.Document.Field;
import io.newsflow.enrich.Document.Polarity;
import io.newsflow.enrich.Document.TargetType;
import io.newsflow.enrich.pairs.DirectedLabel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a stance as one of the five directed classes of a marked pair, on hand-built mentions. */
class DirectedRuleCheckTest {

    // "Ana Ruiz praised Tom Lee." with p = "Ana Ruiz" [0, 8) and q = "Tom Lee" [17, 24)
    private static final Entity ANA = new Entity("e1", "Ana Ruiz", EntityType.PERSON, null, false, null, 0.5, List.of());
    private static final Entity TOM = new Entity("e2", "Tom Lee", EntityType.PERSON, null, false, null, 0.5, List.of());
    private static final Entity BEA = new Entity("e3", "Bea Cruz", EntityType.PERSON, null, false, null, 0.5, List.of());
    private static final List<Located> MENTIONS = List.of(new Located(0, 8, ANA, false), new Located(17, 24, TOM, false));
    private static final DirectedExample PAIR =
            new DirectedExample("Ana Ruiz praised Tom Lee.", 0, 8, 17, 24, DirectedLabel.P_POSITIVE_Q);

    private static Document.Stance stance(Entity holder, Entity target, Polarity polarity, TargetType type) {
        return new Document.Stance(holder.id(), holder.name(), target.id(), target.name(), type, polarity, 0.8,
                Field.BODY, 0, 24, "Ana Ruiz praised Tom Lee", "praise", "stance.verb.obj");
    }

    @Test
    void aStanceFromTheFirstMarkedEntityToTheSecondIsPToQ() {
        assertThat(DirectedRuleCheck.read(stance(ANA, TOM, Polarity.FAVOR, TargetType.ENTITY), MENTIONS, PAIR))
                .isEqualTo(DirectedLabel.P_POSITIVE_Q);
        assertThat(DirectedRuleCheck.read(stance(ANA, TOM, Polarity.AGAINST, TargetType.ENTITY), MENTIONS, PAIR))
                .isEqualTo(DirectedLabel.P_NEGATIVE_Q);
    }

    @Test
    void aStanceTheOtherWayIsQToP() {
        assertThat(DirectedRuleCheck.read(stance(TOM, ANA, Polarity.AGAINST, TargetType.ENTITY), MENTIONS, PAIR))
                .isEqualTo(DirectedLabel.Q_NEGATIVE_P);
    }

    @Test
    void stancesOnTopicsOrOtherEntitiesAreNotAboutThePair() {
        assertThat(DirectedRuleCheck.read(stance(ANA, TOM, Polarity.FAVOR, TargetType.TOPIC), MENTIONS, PAIR)).isNull();
        assertThat(DirectedRuleCheck.read(stance(ANA, BEA, Polarity.FAVOR, TargetType.ENTITY), MENTIONS, PAIR)).isNull();
    }
}
