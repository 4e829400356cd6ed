package io.newsflow.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.enrich.Document;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders an enriched {@link Document} in the article-level gold format of {@code shared/eval/README.md}: persons
 * (with QID, leader flag, role, name mentions and title-only mentions), organisations, locations, quotes (first
 * words and speaker) and stances. Stateless and thread-safe.
 */
public final class GoldFormat {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern POSSESSIVE = Pattern.compile("(?:['’]s|['’])$");
    private static final int QUOTE_START_WORDS = 5;

    private GoldFormat() {
    }

    /** One JSON object (single line) for the document. */
    public static String toJson(Document doc) {
        return toNode(doc).toString();
    }

    /** One JSON object (single line); with {@code explain}, quotes and stances also say which rule made them. */
    public static String toJson(Document doc, boolean explain) {
        return toNode(doc, explain).toString();
    }

    /** The gold-format object for the document. */
    public static ObjectNode toNode(Document doc) {
        return toNode(doc, false);
    }

    /**
     * The gold-format object for the document; with {@code explain}, each quote also carries {@code cue} and
     * {@code method} (the attribution rule), and each stance {@code cue}, {@code method} and {@code confidence}.
     * The scorer ignores these extra fields.
     */
    public static ObjectNode toNode(Document doc, boolean explain) {
        return toNode(doc, explain, Map.of());
    }

    /**
     * As {@link #toNode(Document, boolean)}; with {@code explain}, each entity also lists {@code rules}: the rules that
     * produced it, from {@code entityRules} (entity id → rule names, as the entity stage explains them).
     */
    public static ObjectNode toNode(Document doc, boolean explain, Map<String, List<String>> entityRules) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", doc.id());
        ArrayNode persons = root.putArray("persons");
        ArrayNode organizations = root.putArray("organizations");
        ArrayNode locations = root.putArray("locations");
        for (Document.Entity e : doc.entities()) {
            ObjectNode node = switch (e.type()) {
                case PERSON -> persons.addObject();
                case ORGANIZATION -> organizations.addObject();
                case LOCATION -> locations.addObject();
                case MISC -> null;
            };
            if (node == null) {
                continue;
            }
            node.put("name", e.name());
            node.put("qid", e.qid());
            if (explain && entityRules.containsKey(e.id())) {
                ArrayNode rules = node.putArray("rules");
                entityRules.get(e.id()).forEach(rules::add);
            }
            if (e.type() == Document.EntityType.PERSON) {
                node.put("leader", e.leader());
                node.put("role", e.role());
            }
            ArrayNode names = node.putArray("mentions");
            distinct(e, Document.MentionKind.NAME).forEach(names::add);
            if (e.type() == Document.EntityType.PERSON) {
                ArrayNode titles = node.putArray("title_mentions");
                distinct(e, Document.MentionKind.TITLE).forEach(titles::add);
            }
        }
        ArrayNode quotes = root.putArray("quotes");
        for (Document.Quote q : doc.quotes()) {
            ObjectNode node = quotes.addObject();
            node.put("start", firstWords(q.text(), QUOTE_START_WORDS));
            node.put("speaker", q.speakerName());
            if (explain) {
                node.put("cue", q.cue());
                node.put("method", q.method());
            }
        }
        ArrayNode stances = root.putArray("stances");
        for (Document.Stance s : doc.stances()) {
            ObjectNode node = stances.addObject();
            node.put("holder", s.holderName());
            node.put("target", s.targetName());
            node.put("target_type", s.targetType().name().toLowerCase(Locale.ROOT));
            node.put("polarity", s.polarity().name());
            node.put("evidence", s.evidence());
            if (explain) {
                node.put("cue", s.cue());
                node.put("method", s.method());
                node.put("confidence", s.confidence());
            }
        }
        return root;
    }

    private static Set<String> distinct(Document.Entity entity, Document.MentionKind kind) {
        Set<String> forms = new LinkedHashSet<>();
        for (Document.Mention m : entity.mentions()) {
            if (m.kind() == kind) {
                forms.add(kind == Document.MentionKind.NAME ? POSSESSIVE.matcher(m.text()).replaceAll("") : m.text());
            }
        }
        return forms;
    }

    static String firstWords(String text, int words) {
        String[] parts = text.strip().split("\\s+");
        return String.join(" ", Arrays.copyOf(parts, Math.min(words, parts.length)));
    }
}
