package io.newsflow.topology;

import io.newsflow.config.PipelineConfig;
import io.newsflow.schema.RawArticle;
import java.util.Optional;

/**
 * Checks a decoded article against the input contract: non-blank id of at most 512 characters without control
 * characters, key equal to the id when a key is set, non-blank body, title and body within the configured size
 * limits. Stateless and thread-safe.
 */
public final class ArticleValidator {

    static final int MAX_ID_CHARS = 512;

    private final PipelineConfig config;

    public ArticleValidator(PipelineConfig config) {
        this.config = config;
    }

    /** A violation: the rule that failed and a reason a person can act on. */
    public record Violation(String rule, String reason) {
    }

    /** Returns the first violation, or empty when the article is acceptable. */
    public Optional<Violation> validate(String key, RawArticle article) {
        String id = article.getId();
        if (id == null || id.isBlank()) {
            return violation("missing-id", "article id is missing or blank");
        }
        if (id.length() > MAX_ID_CHARS) {
            return violation("id-too-long", "article id has " + id.length() + " characters, limit " + MAX_ID_CHARS);
        }
        if (id.chars().anyMatch(Character::isISOControl)) {
            return violation("id-control-chars", "article id contains control characters");
        }
        if (key != null && !key.equals(id)) {
            return violation("key-mismatch", "record key '" + abbreviate(key) + "' is not the article id '"
                    + abbreviate(id) + "'");
        }
        String body = article.getBody();
        if (body == null || body.isBlank()) {
            return violation("missing-body", "article body is missing or blank");
        }
        if (body.length() > config.maxBodyChars()) {
            return violation("body-too-large", "article body has " + body.length() + " characters, limit "
                    + config.maxBodyChars());
        }
        String title = article.getTitle();
        if (title != null && title.length() > config.maxTitleChars()) {
            return violation("title-too-large", "article title has " + title.length() + " characters, limit "
                    + config.maxTitleChars());
        }
        return Optional.empty();
    }

    private static Optional<Violation> violation(String rule, String reason) {
        return Optional.of(new Violation(rule, reason));
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
