package io.newsflow.alert;

import io.newsflow.schema.AlertTier;
import io.newsflow.schema.LeaderAlert;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** Builds {@link LeaderAlert} records and their idempotency keys. Stateless and thread-safe. */
public final class Alerts {

    private Alerts() {
    }

    /** Hex of the first 16 bytes of SHA-256 over rule, leader and scope. */
    public static String alertId(String ruleName, String leaderId, String scope) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] h = sha.digest((ruleName + '\u0000' + leaderId + '\u0000' + scope).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The article an alert is about. */
    public record ArticleRef(String id, String title, String url, String source, Instant publishedAt,
                             Instant ingestedAt) {
    }

    /** The record for {@code candidate} raised by {@code tier} at {@code now}. */
    public static LeaderAlert toRecord(AlertCandidate candidate, ArticleRef article, AlertTier tier, Instant now) {
        return LeaderAlert.newBuilder()
                .setAlertId(candidate.alertId())
                .setRuleName(candidate.rule().name())
                .setRuleType(candidate.rule().type())
                .setTier(tier)
                .setLeaderId(candidate.leaderId())
                .setLeaderName(candidate.leaderName())
                .setLeaderRole(candidate.leaderRole())
                .setArticleId(article.id())
                .setArticleTitle(article.title())
                .setArticleUrl(article.url())
                .setSource(article.source())
                .setPublishedAt(article.publishedAt())
                .setIngestedAt(article.ingestedAt())
                .setAlertedAt(now)
                .setEvidence(candidate.evidence())
                .setEvidenceField(candidate.field())
                .setEvidenceStart(candidate.start())
                .setEvidenceEnd(candidate.end())
                .setDetails(candidate.details())
                .build();
    }
}
