package io.newsflow.enrich.stance;

import io.newsflow.enrich.BodyMentions;
import io.newsflow.enrich.BodyMentions.Located;
import io.newsflow.enrich.Capability;
import io.newsflow.enrich.Document;
import io.newsflow.enrich.Document.EntityType;
import io.newsflow.enrich.Document.Field;
import io.newsflow.enrich.Document.Polarity;
import io.newsflow.enrich.Document.TargetType;
import io.newsflow.enrich.Stage;
import io.newsflow.enrich.sentiment.SentimentPrediction;
import io.newsflow.enrich.sentiment.TargetSentimentModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The article's own view of the people it names (holder {@code AUTHOR}), from the NewsMTSC target-sentiment model:
 * each person's mentions outside direct quotes are scored in their sentence (at most {@link #MAX_SENTENCES} per
 * person), and a clear, consistent lean becomes a FAVOR or AGAINST tag whose evidence is the most telling sentence.
 * Sentence-level sentiment is how the text portrays someone, which is a weaker signal than an explicit stance verb:
 * the tags say so in their cue and confidence. Costs one small-encoder pass per scored sentence (about 160
 * sentences/s per thread here), so it is not in the default chain. Thread-safe; never mutates its input.
 */
public final class AuthorStanceStage implements Stage {

    public static final String NAME = "author-stance";
    public static final String HOLDER = "AUTHOR";
    static final String CUE = "author sentiment (NewsMTSC model)";
    static final int MAX_SENTENCES = 6;
    private static final double THRESHOLD = 0.75;

    private final TargetSentimentModel model;

    public AuthorStanceStage() {
        this(TargetSentimentModel.shared());
    }

    public AuthorStanceStage(TargetSentimentModel model) {
        this.model = model;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Capability> requires() {
        return Set.of(Capability.NORMALIZED_TEXT, Capability.ENTITIES);
    }

    @Override
    public Set<Capability> provides() {
        return Set.of(Capability.AUTHOR_STANCES);
    }

    private record Scored(int start, int end, SentimentPrediction prediction) {
    }

    @Override
    public Document apply(Document document) {
        String text = document.body();
        Map<Document.Entity, List<Scored>> byPerson = new LinkedHashMap<>();
        for (Located m : BodyMentions.of(document, Set.of(EntityType.PERSON))) {
            List<Scored> scored = byPerson.computeIfAbsent(m.entity(), k -> new ArrayList<>());
            if (scored.size() >= MAX_SENTENCES || StanceStage.insideQuote(text, m.start())) {
                continue;
            }
            int start = Sentences.start(text, m.start());
            int end = Sentences.end(text, m.end());
            if (scored.stream().anyMatch(s -> s.start() == start)) {
                continue;
            }
            String sentence = text.substring(start, end);
            scored.add(new Scored(start, end, model.predict(sentence, m.start() - start, m.end() - start)));
        }
        List<Document.Stance> stances = new ArrayList<>(document.stances());
        byPerson.forEach((person, scored) -> {
            if (scored.isEmpty()) {
                return;
            }
            double negative = scored.stream().mapToDouble(s -> s.prediction().negative()).average().orElse(0);
            double positive = scored.stream().mapToDouble(s -> s.prediction().positive()).average().orElse(0);
            Polarity polarity = negative >= THRESHOLD ? Polarity.AGAINST : positive >= THRESHOLD ? Polarity.FAVOR : null;
            if (polarity == null) {
                return;
            }
            Scored best = scored.get(0);
            for (Scored s : scored) {
                double p = polarity == Polarity.AGAINST ? s.prediction().negative() : s.prediction().positive();
                double b = polarity == Polarity.AGAINST ? best.prediction().negative() : best.prediction().positive();
                if (p > b) {
                    best = s;
                }
            }
            double confidence = Math.round((polarity == Polarity.AGAINST ? negative : positive) * 0.6 * 1000) / 1000.0;
            stances.add(new Document.Stance(HOLDER, HOLDER, person.id(), person.name(), TargetType.ENTITY, polarity,
                    confidence, Field.BODY, best.start(), best.end(), text.substring(best.start(), best.end()),
                    CUE, "author-stance.target-sentiment-model"));
        });
        return document.withStances(stances);
    }
}
