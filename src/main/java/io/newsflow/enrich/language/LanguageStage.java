package io.newsflow.enrich.language;

import io.newsflow.enrich.Capability;
import io.newsflow.enrich.Document;
import io.newsflow.enrich.Stage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Set;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * Detects the language of title and body with Apache OpenNLP's language detector and its 103-language model
 * ({@code langdetect-183.bin}, Apache-2.0, from Maven Central). Codes are ISO 639-1 where one exists (OpenNLP
 * reports ISO 639-3); texts shorter than {@value #MIN_CHARS} letters get {@code und}.
 *
 * <p>The model is loaded once per JVM ({@link #shared()}). {@link LanguageDetectorME} is not documented as
 * thread-safe, so each thread gets its own detector over the shared, read-only model.
 */
public final class LanguageStage implements Stage {

    public static final String NAME = "language";
    static final int MIN_CHARS = 20;
    private static final int MAX_CHARS = 1_200;
    private static final String MODEL_RESOURCE = "/langdetect-183.bin";
    private static final Map<String, String> ISO3_TO_ISO1 = iso3ToIso1();

    private final ThreadLocal<LanguageDetectorME> detector;

    private LanguageStage(LanguageDetectorModel model) {
        this.detector = ThreadLocal.withInitial(() -> new LanguageDetectorME(model));
    }

    /** The per-JVM instance; loads the model on first use (about 10 MB, well under a second). */
    public static LanguageStage shared() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final LanguageStage INSTANCE = new LanguageStage(loadModel());
    }

    private static LanguageDetectorModel loadModel() {
        try (InputStream in = LanguageStage.class.getResourceAsStream(MODEL_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("language model " + MODEL_RESOURCE + " not on the classpath");
            }
            return new LanguageDetectorModel(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load language model", e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Capability> requires() {
        return Set.of(Capability.NORMALIZED_TEXT);
    }

    @Override
    public Set<Capability> provides() {
        return Set.of(Capability.LANGUAGE);
    }

    @Override
    public Document apply(Document document) {
        return document.withLanguage(detect(document.title() + "\n" + document.body()));
    }

    /** Detects the language of {@code text}. */
    public Document.Language detect(String text) {
        String sample = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        long letters = sample.codePoints().filter(Character::isLetter).count();
        if (letters < MIN_CHARS) {
            return new Document.Language("und", 0.0);
        }
        opennlp.tools.langdetect.Language best = detector.get().predictLanguage(sample);
        return new Document.Language(toIso1(best.getLang()), Math.min(1.0, Math.max(0.0, best.getConfidence())));
    }

    static String toIso1(String iso3) {
        return ISO3_TO_ISO1.getOrDefault(iso3, iso3);
    }

    private static Map<String, String> iso3ToIso1() {
        Map<String, String> map = new HashMap<>();
        for (String iso1 : Locale.getISOLanguages()) {
            try {
                map.put(new Locale(iso1).getISO3Language(), iso1);
            } catch (MissingResourceException ignored) {
                // no ISO 639-2/3 code for this language
            }
        }
        // OpenNLP uses macrolanguage or alternative codes for some languages
        map.put("cmn", "zh");
        map.put("pes", "fa");
        map.put("zsm", "ms");
        map.put("ekk", "et");
        map.put("lvs", "lv");
        map.put("swh", "sw");
        map.put("nor", "no");
        map.put("heb", "he"); // the JDK's list still carries the withdrawn code 'iw'
        return Map.copyOf(map);
    }
}
