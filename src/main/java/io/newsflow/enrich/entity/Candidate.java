package io.newsflow.enrich.entity;

import io.newsflow.enrich.Document.EntityType;
import io.newsflow.enrich.Document.Field;
import io.newsflow.enrich.Document.MentionKind;
import io.newsflow.enrich.kb.KbEntry;
import java.util.List;

/**
 * A name mention before clustering, with what the knowledge base says it is. Immutable.
 *
 * @param field title or body
 * @param start start offset, inclusive
 * @param end end offset, exclusive
 * @param text the covered text
 * @param type coarse type
 * @param kb the one knowledge-base entry the name matched, or null (unknown, or ambiguous: see {@code kbOptions})
 * @param kind name or title mention
 * @param kbOptions every knowledge-base entry the name matched
 * @param roleTitle the office the text gives the person around this mention, or null
 * @param rule the rule that found the mention ("gazetteer", "crf", …)
 */
record Candidate(Field field, int start, int end, String text, EntityType type, KbEntry kb, MentionKind kind,
                 List<KbEntry> kbOptions, String roleTitle, String rule) {

    Candidate {
        kbOptions = List.copyOf(kbOptions);
    }

    Candidate withRole(String role) {
        return new Candidate(field, start, end, text, type, kb, kind, kbOptions, role, rule);
    }

    Candidate withSpan(int newStart, String newText) {
        return new Candidate(field, newStart, end, newText, type, kb, kind, kbOptions, roleTitle, rule);
    }
}
