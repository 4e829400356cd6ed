package io.newsflow.enrich.stance;

import io.newsflow.enrich.BodyMentions;
import io.newsflow.enrich.BodyMentions.Located;
import io.newsflow.enrich.Capability;
import io.newsflow.enrich.Document;
import io.newsflow.enrich.Document.EntityType;
import io.newsflow.enrich.Document.Field;
import io.newsflow.enrich.Document.Polarity;
import io.newsflow.enrich.Document.Quote;
import io.newsflow.enrich.Document.Stance;
import io.newsflow.enrich.Document.TargetType;
import io.newsflow.enrich.Stage;
import io.newsflow.enrich.sentiment.SentimentPrediction;
import io.newsflow.enrich.sentiment.TargetSentimentModel;
import io.newsflow.enrich.text.Sentence;
import io.newsflow.enrich.text.TextLayer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Criticism a speaker states about someone named inside their own quote, read by the learned NewsMTSC
 * target-sentiment model ({@link TargetSentimentModel}): within a quote with a known speaker, each person or
 * organisation named in it (not the speaker) is scored in its sentence, cut to the quote; when the mean NEGATIVE
 * probability over a pair's sentences reaches {@link #THRESHOLD} and exceeds the POSITIVE one, the speaker is AGAINST
 * the target. Inside a quote, how the text portrays someone is the speaker's own view (the same model on the author's
 * narrative is {@link AuthorStanceStage}). Only AGAINST, and only persons and organisations: on the news dev split a
 * positive portrayal was mostly sarcasm or a speaker's own side, and places were mostly the speaker's own country.
 * A question states nothing; a pair the rule stages already tagged is left to them. Costs one small-encoder pass per
 * scored sentence (at most {@link #MAX_SENTENCES} per quote). Thread-safe; never mutates its input.
 */
public final class QuoteSentimentStage implements Stage {

    public static final String NAME = "quote-sentiment";
    static final String METHOD = "quote-stance.target-sentiment-model";
    static final String CUE = "quote sentiment (NewsMTSC model)";
    /** Mean NEGATIVE probability a pair needs; chosen on the news dev split (0.34 to 0.6 score alike there). */
    static final double THRESHOLD = 0.6;
    /** Sentences scored per quote at most. */
    static final int MAX_SENTENCES = 8;
    private static final Set<EntityType> TARGET_TYPES =
            Set.of(EntityType.PERSON, EntityType.ORGANIZATION);

    private final TargetSentimentModel model;

    public QuoteSentimentStage() {
        this(TargetSentimentModel.shared());
    }

    public QuoteSentimentStage(TargetSentimentModel model) {
        this.model = model;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Capability> requires() {
        return Set.of(Capability.NORMALIZED_TEXT, Capability.ENTITIES, Capability.QUOTES, Capability.STANCES);
    }

    @Override
    public Set<Capability> provides() {
        return Set.of(Capability.QUOTE_SENTIMENT_STANCES);
    }

    private record Scored(Quote quote, Located target, int start, int end, SentimentPrediction prediction) {
    }

    @Override
    public Document apply(Document document) {
        String text = document.body();
        TextLayer layer = document.layer(Field.BODY);
        List<Located> mentions = BodyMentions.of(document, TARGET_TYPES);
        Set<String> tagged = new HashSet<>();
        for (Stance s : document.stances()) {
            tagged.add(s.holder() + "|" + s.target());
        }
        Map<String, List<Scored>> byPair = new LinkedHashMap<>();
        for (Quote q : document.quotes()) {
            if (q.field() != Field.BODY || q.speakerEntityId() == null) {
                continue;
            }
            Set<Integer> sentencesSeen = new HashSet<>();
            for (Located m : mentions) {
                if (m.start() < q.start() || m.end() > q.end() || m.entity().id().equals(q.speakerEntityId())
                        || tagged.contains(q.speakerEntityId() + "|" + m.entity().id())) {
                    continue;
                }
                Sentence at = layer.sentenceAt(m.start());
                int start = Math.max(q.start(), at == null ? q.start() : at.start());
                int end = Math.min(q.end(), at == null ? q.end() : Math.max(at.end(), m.end()));
                String pair = q.speakerEntityId() + "|" + m.entity().id();
                if (end <= start || QuoteStanceStage.asked(text, m.end(), q.end())
                        || sentencesSeen.size() >= MAX_SENTENCES && !sentencesSeen.contains(start)) {
                    continue;
                }
                sentencesSeen.add(start);
                SentimentPrediction p = model.predict(text.substring(start, end), m.start() - start, m.end() - start);
                byPair.computeIfAbsent(pair, k -> new ArrayList<>()).add(new Scored(q, m, start, end, p));
            }
        }
        List<Stance> stances = new ArrayList<>(document.stances());
        byPair.forEach((pair, scored) -> {
            double negative = scored.stream().mapToDouble(s -> s.prediction().negative()).average().orElse(0);
            double positive = scored.stream().mapToDouble(s -> s.prediction().positive()).average().orElse(0);
            if (negative < THRESHOLD || negative <= positive) {
                return;
            }
            Scored best = scored.get(0);
            for (Scored s : scored) {
                if (s.prediction().negative() > best.prediction().negative()) {
                    best = s;
                }
            }
            Quote q = best.quote();
            stances.add(new Stance(q.speakerEntityId(), q.speakerName(), best.target().entity().id(),
                    best.target().entity().name(), TargetType.ENTITY, Polarity.AGAINST,
                    Math.round(negative * 0.6 * 1000) / 1000.0, Field.BODY, best.start(), best.end(),
                    text.substring(best.start(), best.end()), CUE, METHOD));
        });
        return document.withStances(stances);
    }
}
