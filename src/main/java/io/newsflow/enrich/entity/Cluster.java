package io.newsflow.enrich.entity;

import io.newsflow.enrich.Document;
import io.newsflow.enrich.Document.EntityType;
import io.newsflow.enrich.kb.KbEntry;
import io.newsflow.enrich.kb.KbPerson;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One entity being assembled for one document: its mentions, the names written, the knowledge-base link and the
 * rules that produced it. Mutable; confined to the thread annotating the document.
 */
final class Cluster {
    final String key;
    EntityType type;
    final KbEntry kb;
    final List<Document.Mention> mentions = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    /** The office the article introduced the person with, or null. */
    String roleTitle;
    /** Names of the rules that found mentions of this entity or linked it, in order of first use. */
    final Set<String> rules = new LinkedHashSet<>();

    Cluster(String key, EntityType type, KbEntry kb) {
        this.key = key;
        this.type = type;
        this.kb = kb;
    }

    /** The linked knowledge-base person, or null. */
    KbPerson person() {
        return kb instanceof KbPerson p ? p : null;
    }
}
