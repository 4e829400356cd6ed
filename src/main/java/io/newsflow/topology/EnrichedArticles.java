package io.newsflow.topology;

import io.newsflow.enrich.Document;
import io.newsflow.schema.DetectedLanguage;
import io.newsflow.schema.EnrichedArticle;
import io.newsflow.schema.Entity;
import io.newsflow.schema.EntityType;
import io.newsflow.schema.Mention;
import io.newsflow.schema.MentionKind;
import io.newsflow.schema.Polarity;
import io.newsflow.schema.ProcessingMetadata;
import io.newsflow.schema.Quote;
import io.newsflow.schema.RawArticle;
import io.newsflow.schema.StanceTag;
import io.newsflow.schema.TargetType;
import io.newsflow.schema.TextField;
import java.time.Instant;
import java.util.List;

/** Maps an enriched {@link Document} and its normalised {@link RawArticle} to the {@link EnrichedArticle} contract. */
public final class EnrichedArticles {

    private EnrichedArticles() {
    }

    /** Builds the output record. */
    public static EnrichedArticle from(RawArticle article, String contentHash, int revision, Document doc,
                                       String pipelineVersion, Instant processedAt, long processingMicros) {
        return EnrichedArticle.newBuilder()
                .setId(article.getId())
                .setUrl(article.getUrl())
                .setSource(article.getSource())
                .setTitle(doc.title().isEmpty() ? null : doc.title())
                .setBody(doc.body())
                .setLanguage(article.getLanguage())
                .setPublishedAt(article.getPublishedAt())
                .setIngestedAt(article.getIngestedAt())
                .setAuthors(article.getAuthors())
                .setKeywords(article.getKeywords())
                .setAttributes(article.getAttributes())
                .setContentHash(contentHash)
                .setDetectedLanguage(doc.language() == null ? null
                        : new DetectedLanguage(doc.language().code(), doc.language().confidence()))
                .setEntities(doc.entities().stream().map(EnrichedArticles::entity).toList())
                .setQuotes(doc.quotes().stream().map(EnrichedArticles::quote).toList())
                .setStances(doc.stances().stream().map(EnrichedArticles::stance).toList())
                .setProcessing(ProcessingMetadata.newBuilder()
                        .setPipelineVersion(pipelineVersion)
                        .setStages(doc.stagesRun())
                        .setProcessedAt(processedAt)
                        .setProcessingTimeMicros(processingMicros)
                        .setRevision(revision)
                        .setWarnings(doc.warnings())
                        .build())
                .build();
    }

    private static Entity entity(Document.Entity e) {
        List<Mention> mentions = e.mentions().stream()
                .map(m -> new Mention(field(m.field()), m.start(), m.end(), m.text(),
                        MentionKind.valueOf(m.kind().name())))
                .toList();
        return Entity.newBuilder()
                .setId(e.id())
                .setName(e.name())
                .setType(EntityType.valueOf(e.type().name()))
                .setQid(e.qid())
                .setLeader(e.leader())
                .setRole(e.role())
                .setSalience(e.salience())
                .setMentions(mentions)
                .build();
    }

    private static Quote quote(Document.Quote q) {
        return Quote.newBuilder()
                .setText(q.text())
                .setField(field(q.field()))
                .setStart(q.start())
                .setEnd(q.end())
                .setSpeakerEntityId(q.speakerEntityId())
                .setSpeakerName(q.speakerName())
                .setCue(q.cue())
                .setMethod(q.method())
                .build();
    }

    private static StanceTag stance(Document.Stance s) {
        return StanceTag.newBuilder()
                .setHolder(s.holder())
                .setHolderName(s.holderName())
                .setTarget(s.target())
                .setTargetName(s.targetName())
                .setTargetType(TargetType.valueOf(s.targetType().name()))
                .setPolarity(Polarity.valueOf(s.polarity().name()))
                .setConfidence(s.confidence())
                .setEvidenceField(field(s.evidenceField()))
                .setEvidenceStart(s.evidenceStart())
                .setEvidenceEnd(s.evidenceEnd())
                .setEvidence(s.evidence())
                .setCue(s.cue())
                .setMethod(s.method())
                .build();
    }

    private static TextField field(Document.Field f) {
        return TextField.valueOf(f.name());
    }
}
