package io.newsflow.enrich.quote;

import io.newsflow.enrich.Document;
import io.newsflow.enrich.Document.Entity;
import io.newsflow.enrich.Document.EntityType;
import io.newsflow.enrich.Document.Field;
import io.newsflow.enrich.Document.Mention;
import io.newsflow.enrich.Document.MentionKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hand-built document for rule tests, independent of the entity model: entities are marked inline as
 * {@code [K:surface]} or {@code [K:surface=Canonical Name]}, K being {@code P} (person name), {@code O}
 * (organisation name), {@code L} (place name) or {@code T} (a title-only mention of a person, "the governor"); {@code \n} in the marked text
 * is a paragraph break. Mentions with the same canonical name form one entity.
 */
final class MarkedText {

    private static final Pattern MARK = Pattern.compile("\\[([POTL]):([^\\]=]+)(?:=([^\\]]+))?\\]");

    private MarkedText() {
    }

    /** The document of a marked text, with its entities and no other annotation. */
    static Document document(String marked) {
        String source = marked.replace("\\n", "\n");
        StringBuilder body = new StringBuilder();
        Map<String, EntityType> types = new LinkedHashMap<>();
        Map<String, List<Mention>> mentions = new LinkedHashMap<>();
        Matcher m = MARK.matcher(source);
        int last = 0;
        while (m.find()) {
            body.append(source, last, m.start());
            String surface = m.group(2);
            String name = m.group(3) == null ? surface : m.group(3);
            int start = body.length();
            body.append(surface);
            EntityType type = switch (m.group(1)) {
                case "O" -> EntityType.ORGANIZATION;
                case "L" -> EntityType.LOCATION;
                default -> EntityType.PERSON;
            };
            MentionKind kind = m.group(1).equals("T") ? MentionKind.TITLE : MentionKind.NAME;
            types.putIfAbsent(name, type);
            mentions.computeIfAbsent(name, k -> new ArrayList<>())
                    .add(new Mention(Field.BODY, start, body.length(), surface, kind));
            last = m.end();
        }
        body.append(source.substring(last));
        List<Entity> entities = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, List<Mention>> e : mentions.entrySet()) {
            entities.add(new Entity("e" + n++, e.getKey(), types.get(e.getKey()), null, false, null, 0.5,
                    e.getValue()));
        }
        return Document.of("rule-test", "", body.toString(), false, "en", Instant.parse("2025-01-01T00:00:00Z"))
                .withEntities(entities);
    }
}
