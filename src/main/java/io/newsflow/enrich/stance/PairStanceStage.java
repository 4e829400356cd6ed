package io.newsflow.enrich.stance;

import io.newsflow.enrich.BodyMentions;
import io.newsflow.enrich.BodyMentions.Located;
import io.newsflow.enrich.Capability;
import io.newsflow.enrich.Document;
import io.newsflow.enrich.Document.Entity;
import io.newsflow.enrich.Document.EntityType;
import io.newsflow.enrich.Document.Field;
import io.newsflow.enrich.Document.Polarity;
import io.newsflow.enrich.Document.TargetType;
import io.newsflow.enrich.Stage;
import io.newsflow.enrich.pairs.DirectedLabel;
import io.newsflow.enrich.pairs.DirectedPrediction;
import io.newsflow.enrich.pairs.DirectedStanceModel;
import io.newsflow.enrich.text.Sentence;
import io.newsflow.enrich.text.TextLayer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Entity-to-entity stances from the learned directed-sentiment model ({@link DirectedStanceModel}, trained on the
 * data of Park, Pan &amp; Joo, "Who Blames or Endorses Whom?", Findings of ACL 2021): for each body sentence naming
 * two to {@value #MAX_ENTITIES} distinct people, organisations or places, every pair is classified once, and a pair
 * whose most probable class is a directed FAVOR or AGAINST at or above the threshold becomes a stance, unless an
 * earlier stage already tagged that holder and target. Confidence is the class probability; method
 * {@code stance.pair-model}. Thread-safe (the model is).
 */
public final class PairStanceStage implements Stage {

    public static final String NAME = "pair-stances";
    /** Threshold chosen on the news dev split (see the README's Stances section). */
    public static final double DEFAULT_THRESHOLD = 0.95;
    static final int MAX_ENTITIES = 4;
    private static final Set<EntityType> TYPES = Set.of(EntityType.PERSON, EntityType.ORGANIZATION,
            EntityType.LOCATION);

    private final DirectedStanceModel model;
    private final double threshold;

    public PairStanceStage() {
        this(DirectedStanceModel.shared(), DEFAULT_THRESHOLD);
    }

    public PairStanceStage(DirectedStanceModel model, double threshold) {
        this.model = model;
        this.threshold = threshold;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Capability> requires() {
        return Set.of(Capability.NORMALIZED_TEXT, Capability.ENTITIES, Capability.STANCES);
    }

    @Override
    public Set<Capability> provides() {
        return Set.of(Capability.PAIR_STANCES);
    }

    @Override
    public Document apply(Document document) {
        TextLayer layer = document.layer(Field.BODY);
        String text = layer.text();
        List<Located> mentions = BodyMentions.of(document, TYPES);
        Set<String> tagged = new HashSet<>();
        for (Document.Stance s : document.stances()) {
            tagged.add(s.holder() + "|" + s.target());
            tagged.add(s.target() + "|" + s.holder());
        }
        List<Document.Stance> all = new ArrayList<>(document.stances());
        for (Sentence s : layer.sentences()) {
            Map<Entity, Located> first = new LinkedHashMap<>();
            for (Located m : mentions) {
                if (m.start() >= s.start() && m.end() <= s.end() && !m.title()) {
                    first.putIfAbsent(m.entity(), m);
                }
            }
            if (first.size() < 2 || first.size() > MAX_ENTITIES) {
                continue;
            }
            List<Located> ms = new ArrayList<>(first.values());
            List<DirectedStanceModel.Pair> pairs = new ArrayList<>();
            List<Located[]> who = new ArrayList<>();
            for (int a = 0; a < ms.size(); a++) {
                for (int b = a + 1; b < ms.size(); b++) {
                    Located p = ms.get(a);
                    Located q = ms.get(b);
                    if (tagged.contains(p.entity().id() + "|" + q.entity().id())) {
                        continue;
                    }
                    pairs.add(new DirectedStanceModel.Pair(p.start() - s.start(), p.end() - s.start(),
                            q.start() - s.start(), q.end() - s.start()));
                    who.add(new Located[] {p, q});
                }
            }
            if (pairs.isEmpty()) {
                continue;
            }
            List<DirectedPrediction> predictions = model.predict(text.substring(s.start(), s.end()), pairs);
            for (int k = 0; k < pairs.size(); k++) {
                DirectedPrediction.PairStance best = predictions.get(k).best();
                if (best.direction() == DirectedLabel.Direction.NONE || best.probability() < threshold) {
                    continue;
                }
                boolean pHolds = best.direction() == DirectedLabel.Direction.P_TO_Q;
                Entity holder = (pHolds ? who.get(k)[0] : who.get(k)[1]).entity();
                Entity target = (pHolds ? who.get(k)[1] : who.get(k)[0]).entity();
                Polarity polarity = best.stance() == DirectedLabel.Stance.FAVOR ? Polarity.FAVOR : Polarity.AGAINST;
                all.add(new Document.Stance(holder.id(), holder.name(), target.id(), target.name(),
                        TargetType.ENTITY, polarity, best.probability(), Field.BODY, s.start(), s.end(),
                        text.substring(s.start(), s.end()), "pair-model", "stance.pair-model"));
                tagged.add(holder.id() + "|" + target.id());
                tagged.add(target.id() + "|" + holder.id());
            }
        }
        return document.withStances(all);
    }
}
