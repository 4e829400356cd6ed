package io.newsflow.enrich.entity;

import io.newsflow.enrich.Document;
import io.newsflow.enrich.Document.EntityType;
import io.newsflow.enrich.Document.Field;
import io.newsflow.enrich.kb.KbEntry;
import io.newsflow.enrich.kb.KbPerson;
import io.newsflow.enrich.kb.KnowledgeBase;
import io.newsflow.enrich.kb.Office;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Turns a document's clusters into entities ranked by salience: one point per mention, three for a headline mention,
 * one and a half for one in the lead paragraph, scaled so the most salient entity has 1.0. Knowledge-base entities
 * take their id, name and QID from the knowledge base; a person is a leader when the knowledge base says so and the
 * office is held on the article's date, or when the article introduced an unknown person with an office. Demonym-only
 * clusters are dropped. Thread-safe: immutable.
 */
final class Salience {

    private final KnowledgeBase kb;

    Salience(KnowledgeBase kb) {
        this.kb = kb;
    }

    /** An entity and the cluster it was made from. */
    record Ranked(Document.Entity entity, Cluster cluster) {
    }

    /** The entities of the clusters, most salient first (ties by name). */
    List<Document.Entity> entities(Document doc, List<Cluster> all, LocalDate date) {
        return ranked(doc, all, date).stream().map(Ranked::entity).toList();
    }

    /** The entities of the clusters with their clusters, most salient first (ties by name). */
    List<Ranked> ranked(Document doc, List<Cluster> all, LocalDate date) {
        int leadEnd = doc.body().indexOf('\n');
        leadEnd = leadEnd < 0 ? doc.body().length() : leadEnd;
        double max = 0;
        double[] scores = new double[all.size()];
        for (int i = 0; i < all.size(); i++) {
            Cluster c = all.get(i);
            int lead = leadEnd;
            boolean inTitle = c.mentions.stream().anyMatch(m -> m.field() == Field.TITLE);
            boolean inLead = c.mentions.stream().anyMatch(m -> m.field() == Field.BODY && m.start() < lead);
            scores[i] = c.mentions.size() + (inTitle ? 3 : 0) + (inLead ? 1.5 : 0);
            max = Math.max(max, scores[i]);
        }
        List<Ranked> entities = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Cluster c = all.get(i);
            if (c.type == EntityType.MISC && c.names.stream().allMatch(n -> kb.countryByDemonym(n).isPresent())) {
                continue;
            }
            List<Document.Mention> mentions = new ArrayList<>();
            for (Document.Mention m : c.mentions) {
                String text = doc.text(m.field()).substring(m.start(), m.end());
                mentions.add(new Document.Mention(m.field(), m.start(), m.end(), text, m.kind()));
            }
            mentions.sort(Comparator.comparing(Document.Mention::field).thenComparingInt(Document.Mention::start));
            double salience = max == 0 ? 0 : Math.round(scores[i] / max * 1000) / 1000.0;
            entities.add(new Ranked(entity(c, mentions, salience, date), c));
        }
        entities.sort(Comparator.comparingDouble((Ranked r) -> r.entity().salience()).reversed()
                .thenComparing(r -> r.entity().name()));
        return entities;
    }

    private Document.Entity entity(Cluster c, List<Document.Mention> mentions, double salience, LocalDate date) {
        KbPerson p = c.person();
        if (p != null) {
            Optional<Office> office = p.officeOn(date);
            boolean leader = p.leader() && (office.isPresent() || date == null);
            return new Document.Entity(p.id(), p.name(), EntityType.PERSON, p.qid(), leader,
                    office.map(kb::describe).orElse(null), salience, mentions);
        }
        KbEntry e = c.kb;
        if (e != null) {
            return new Document.Entity(e.id(), e.name(), CandidateFinder.typeOf(e), e.qid(), false, null, salience,
                    mentions);
        }
        String name = c.names.stream().max(Comparator.comparingInt(String::length)).orElse("");
        boolean titled = c.type == EntityType.PERSON && c.roleTitle != null;
        return new Document.Entity(MentionClusters.localId(c.type, name), name, c.type, null, titled,
                titled ? c.roleTitle : null, salience, mentions);
    }
}
