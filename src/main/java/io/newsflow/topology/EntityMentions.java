package io.newsflow.topology;

import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.Entity;
import io.newsflow.schema.EntityMention;
import io.newsflow.schema.MentionEntityType;
import io.newsflow.schema.TextField;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;

/** One {@link EntityMention} per entity of an enriched article, keyed by entity id. Stateless. */
public final class EntityMentions {

    private EntityMentions() {
    }

    public static List<KeyValue<String, EntityMention>> of(EnrichedArticle a) {
        Set<String> speakers = a.getQuotes().stream().map(q -> q.getSpeakerEntityId())
                .filter(id -> id != null).collect(Collectors.toSet());
        int revision = a.getProcessing() == null ? 1 : a.getProcessing().getRevision();
        List<KeyValue<String, EntityMention>> out = new ArrayList<>();
        for (Entity e : a.getEntities()) {
            if (e.getMentions().isEmpty()) {
                continue;
            }
            EntityMention m = EntityMention.newBuilder()
                    .setEntityId(e.getId())
                    .setName(e.getName())
                    .setType(MentionEntityType.valueOf(e.getType().name()))
                    .setQid(e.getQid())
                    .setLeader(e.getLeader())
                    .setRole(e.getRole())
                    .setArticleId(a.getId())
                    .setRevision(revision)
                    .setArticleTitle(a.getTitle())
                    .setArticleUrl(a.getUrl())
                    .setSource(a.getSource())
                    .setPublishedAt(a.getPublishedAt())
                    .setSalience(e.getSalience())
                    .setMentionCount(e.getMentions().size())
                    .setInHeadline(e.getMentions().stream().anyMatch(x -> x.getField() == TextField.TITLE))
                    .setQuoted(speakers.contains(e.getId()))
                    .setFirstMention(e.getMentions().get(0).getText())
                    .setFirstMentionInTitle(e.getMentions().get(0).getField() == TextField.TITLE)
                    .setFirstMentionStart(e.getMentions().get(0).getStart())
                    .setFirstMentionEnd(e.getMentions().get(0).getEnd())
                    .build();
            out.add(KeyValue.pair(e.getId(), m));
        }
        return out;
    }
}
