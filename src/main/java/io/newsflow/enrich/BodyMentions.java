package io.newsflow.enrich;

import io.newsflow.enrich.Document.Entity;
import io.newsflow.enrich.Document.EntityType;
import io.newsflow.enrich.Document.Field;
import io.newsflow.enrich.Document.Mention;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.IntUnaryOperator;

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

    /** How many mentions before a possessive antecedent are searched for a plain one (bounds repetitive text). */
    private static final int MAX_LOOKBACK = 64;

    /**
     * The person a pronoun at {@code offset} most likely means: the first person named in the sentence that holds
     * the nearest person mention before it (its subject rather than its object), passing over a sentence whose only
     * person is a possessive ("X's remarks"); null when no person came before. {@code mentions} must be sorted by
     * start offset (as {@link #of} returns them); the search is logarithmic in their number plus the mentions of
     * that stretch, so repeated calls stay linear in the article.
     */
    public static Located pronounReferent(String text, List<Located> mentions, int offset,
                                          IntUnaryOperator sentenceStart) {
        Located last = null;
        Located lastNonPossessive = null;
        int stepsAfterLast = 0;
        for (int i = firstStartingAtOrAfter(mentions, offset) - 1; i >= 0; i--) {
            Located m = mentions.get(i);
            if (last != null && ++stepsAfterLast > MAX_LOOKBACK) {
                break;
            }
            if (m.end() <= offset && m.entity().type() == EntityType.PERSON) {
                if (last == null) {
                    last = m;
                }
                if (!possessive(text, m)) {
                    lastNonPossessive = m;
                    break;
                }
            }
        }
        if (last != null && lastNonPossessive != null && possessive(text, last)
                && sentenceStart.applyAsInt(last.start()) != sentenceStart.applyAsInt(lastNonPossessive.start())) {
            // "Referring to Lee's remarks, she said": a possessive alone in its sentence is no antecedent
            last = lastNonPossessive;
        }
        if (last == null) {
            return null;
        }
        int start = sentenceStart.applyAsInt(last.start());
        for (int i = firstStartingAtOrAfter(mentions, start); i < mentions.size(); i++) {
            Located m = mentions.get(i);
            if (m.start() > last.start()) {
                break;
            }
            if (m.entity().type() == EntityType.PERSON && !possessive(text, m)) {
                return m;
            }
        }
        return last;
    }

    /** Index of the first mention starting at or after {@code offset} in a list sorted by start. */
    private static int firstStartingAtOrAfter(List<Located> mentions, int offset) {
        int lo = 0;
        int hi = mentions.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (mentions.get(mid).start() < offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
