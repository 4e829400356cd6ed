package io.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.language.LanguageStage;
import org.junit.jupiter.api.Test;

class LanguageStageTest {

    private final LanguageStage stage = LanguageStage.shared();

    @Test
    void detectsCommonNewsLanguagesWithIso6391Codes() {
        assertThat(stage.detect("The foreign ministers agreed on Thursday to meet again next month in Geneva "
                + "to discuss a ceasefire.").code()).isEqualTo("en");
        assertThat(stage.detect("Die Außenminister vereinbarten am Donnerstag, sich im nächsten Monat erneut in "
                + "Genf zu treffen, um über eine Waffenruhe zu sprechen.").code()).isEqualTo("de");
        assertThat(stage.detect("Los ministros de Asuntos Exteriores acordaron el jueves volver a reunirse el "
                + "próximo mes en Ginebra para hablar de un alto el fuego.").code()).isEqualTo("es");
        assertThat(stage.detect("Министры иностранных дел договорились в четверг снова встретиться в Женеве в "
                + "следующем месяце, чтобы обсудить прекращение огня.").code()).isEqualTo("ru");
    }

    @Test
    void hebrewIsReportedWithItsCurrentCodeHeNotTheWithdrawnIw() {
        assertThat(stage.detect("שרי החוץ הסכימו ביום חמישי להיפגש שוב בחודש הבא בז'נבה כדי לדון בהפסקת אש "
                + "ובסיוע לאזרחים.").code()).isEqualTo("he");
    }

    @Test
    void reportsUndeterminedForTooLittleText() {
        Document.Language lang = stage.detect("OK 123");
        assertThat(lang.code()).isEqualTo("und");
        assertThat(lang.confidence()).isZero();
    }

    @Test
    void confidenceIsAProbability() {
        double c = stage.detect("Markets rallied after the central bank held interest rates steady.").confidence();
        assertThat(c).isBetween(0.0, 1.0);
    }
}
