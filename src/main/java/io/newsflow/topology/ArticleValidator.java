package io.newsflow.topology;

import io.newsflow.config.PipelineConfig;
import io.newsflow.schema.RawArticle;
import java.util.Optional;

/**
 * Checks a decoded article against the input contract: non-blank id of at most 512 characters without control
 * characters, key equal to the id when a key is set, non-blank body, title and body within the configured size
 * limits (the body both in characters and in bytes of its UTF-8 encoding). Stateless and thread-safe.
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
        long bodyBytes = utf8Length(body, config.maxBodyBytes());
        if (bodyBytes > config.maxBodyBytes()) {
            return violation("body-too-large-bytes", "article body has more than " + config.maxBodyBytes()
                    + " bytes in UTF-8 (" + body.length() + " characters), limit " + config.maxBodyBytes()
                    + " bytes");
        }
        String title = article.getTitle();
        if (title != null && title.length() > config.maxTitleChars()) {
            return violation("title-too-large", "article title has " + title.length() + " characters, limit "
                    + config.maxTitleChars());
        }
        return Optional.empty();
    }

    /**
     * The length of {@code s} encoded as UTF-8 the way Avro writes strings ({@code String.getBytes(UTF_8)}: an
     * unpaired surrogate becomes one replacement byte), counted without encoding; stops counting once the total
     * exceeds {@code stopAbove}, so the result is exact up to {@code stopAbove} and otherwise only known to be
     * larger.
     */
    static long utf8Length(CharSequence s, long stopAbove) {
        long bytes = 0;
        int n = s.length();
        for (int i = 0; i < n && bytes <= stopAbove; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 1;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static Optional<Violation> violation(String rule, String reason) {
        return Optional.of(new Violation(rule, reason));
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
