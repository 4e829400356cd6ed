package io.newsflow.enrich.entity;

import io.newsflow.enrich.Capability;
import io.newsflow.enrich.Document;
import io.newsflow.enrich.Stage;
import io.newsflow.enrich.kb.KnowledgeBase;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the people, organisations and places an article names, each once, with every mention. The work is done in
 * five steps, each its own class:
 * <ol>
 *   <li>{@link CandidateFinder}: statistical NER ({@link EntityRecognizer}) merged with a knowledge-base
 *       gazetteer;</li>
 *   <li>{@link RoleReader}: the office around a person's mention ("Defence Minister X", "X, the foreign
 *       minister,");</li>
 *   <li>{@link MentionClusters}: name variants clustered per document (full name, surname, "Mr X", possessive, title
 *       + name, transliterations) and linked to the knowledge base; unknown people stay document-local;</li>
 *   <li>{@link TitleResolver}: title-only references ("the French President", "the PM") resolved by the ordered
 *       {@link TitleRule}s, by role, country and article date;</li>
 *   <li>{@link Salience}: entities ranked by headline, lead and mention count.</li>
 * </ol>
 * Word lists come from {@code src/main/resources/lexicon/} ({@link EntityLexicon}). Each cluster records the rules
 * that produced it ({@link #explain}).
 *
 * <p>Thread-safe: all state is built in the constructor and read-only afterwards; per-document state lives in
 * a {@link MentionClusters} confined to the call. The input document is never mutated.
 */
public final class EntityStage implements Stage {

    public static final String NAME = "entities";

    private final CandidateFinder finder;
    private final RoleReader roles;
    private final TitleResolver titles;
    private final Salience salience;
    private final KnowledgeBase kb;

    public EntityStage(KnowledgeBase kb, EntityRecognizer recognizer) {
        this.kb = kb;
        EntityLexicon lexicon = EntityLexicon.bundled();
        String qualifiers = RoleReader.qualifiers(kb);
        this.roles = new RoleReader(kb, lexicon, qualifiers);
        this.finder = new CandidateFinder(kb, recognizer, lexicon, roles);
        this.titles = new TitleResolver(kb, lexicon, roles, qualifiers, TitleRule.ORDER);
        this.salience = new Salience(kb);
    }

    /** The stage with the bundled knowledge base and CoreNLP's CRF. */
    public static EntityStage standard() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final EntityStage INSTANCE = new EntityStage(KnowledgeBase.bundled(), CrfEntityRecognizer.shared());
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
        return Set.of(Capability.ENTITIES);
    }

    @Override
    public Document apply(Document document) {
        return document.withEntities(explain(document).entities());
    }

    /**
     * The entities of a document with, for each entity id, the rules that produced it in order of first use
     * ("gazetteer+kb-name", "crf+document-local", "title:only-named-holder", …).
     *
     * @param entities the entities, as {@link #apply} sets them
     * @param rules entity id → rule names
     */
    public record Explained(List<Document.Entity> entities, Map<String, List<String>> rules) {
        public Explained {
            entities = List.copyOf(entities);
            rules = Map.copyOf(rules);
        }
    }

    /** The entities of {@code document} and the rules behind each; the document is not changed. */
    public Explained explain(Document document) {
        LocalDate date = document.publishedAt() == null ? null
                : document.publishedAt().atZone(ZoneOffset.UTC).toLocalDate();
        MentionClusters clusters = new MentionClusters(kb, finder, roles, date);
        for (Candidate c : finder.find(document)) {
            clusters.add(c);
        }
        clusters.mergeAcronyms(document);
        clusters.dropAbbreviatedTerms(document);
        clusters.mergeBodyNames();
        titles.resolve(document, clusters);
        List<Salience.Ranked> ranked = salience.ranked(document, clusters.all(), date);
        List<Document.Entity> entities = new ArrayList<>();
        Map<String, List<String>> rules = new LinkedHashMap<>();
        for (Salience.Ranked r : ranked) {
            entities.add(r.entity());
            rules.merge(r.entity().id(), List.copyOf(r.cluster().rules), (a, b) -> a);
        }
        return new Explained(entities, rules);
    }
}
