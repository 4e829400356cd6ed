package io.newsflow.enrich;

import io.newsflow.enrich.Document.Entity;
import io.newsflow.enrich.Document.EntityType;
import io.newsflow.enrich.Document.Field;
import io.newsflow.enrich.Document.Mention;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Entity mentions in a document's body, in text order, for stages that read the entity layer. Stateless. */
public final class BodyMentions {

    /** One mention of {@code entity} at [start, end) of the body; {@code title} for title-only references. */
    public record Located(int start, int end, Entity entity, boolean title) {
    }

    private BodyMentions() {
    }

    /** Body mentions of entities of the given types, sorted by start offset. */
    public static List<Located> of(Document doc, Set<EntityType> types) {
        List<Located> out = new ArrayList<>();
        for (Entity e : doc.entities()) {
            if (!types.contains(e.type())) {
                continue;
            }
            for (Mention m : e.mentions()) {
                if (m.field() == Field.BODY) {
                    out.add(new Located(m.start(), m.end(), e, m.kind() == Document.MentionKind.TITLE));
                }
            }
        }
        out.sort(Comparator.comparingInt(Located::start));
        return out;
    }

    /** "Trump’s close ally": a mention followed by a possessive modifies a noun and is not a clause subject. */
    public static boolean possessive(String text, Located m) {
        return m.end() + 1 < text.length() && (text.charAt(m.end()) == '’' || text.charAt(m.end()) == '\'')
                && text.charAt(m.end() + 1) == 's';
    }
}
