package io.newsflow.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.config.PipelineConfig;
import io.newsflow.config.Topics;
import io.newsflow.schema.RawArticle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArticleValidatorTest {

    /** 10,000 characters, 12,000 bytes: a body can pass the first limit and fail the second. */
    private static final PipelineConfig CONFIG = new PipelineConfig(Topics.defaults(), Duration.ofDays(1), 10_000,
            200, 1_048_576, "test").withMaxBodyBytes(12_000);
    private final ArticleValidator validator = new ArticleValidator(CONFIG);

    private static RawArticle article(String body) {
        return RawArticle.newBuilder().setId("v1").setTitle("A title").setBody(body).setPublishedAt(Instant.EPOCH)
                .build();
    }

    private Optional<ArticleValidator.Violation> check(String body) {
        return validator.validate("v1", article(body));
    }

    @Test
    void aCjkBodyUnderTheCharacterLimitButOverTheByteLimitIsRefusedNamingBothSizes() {
        String cjk = "北京市政府周四宣布新的交通计划。".repeat(500); // 8,000 characters, 24,000 bytes
        assertThat(cjk.length()).isLessThan(CONFIG.maxBodyChars());

        Optional<ArticleValidator.Violation> v = check(cjk);

        assertThat(v).isPresent();
        assertThat(v.get().rule()).isEqualTo("body-too-large-bytes");
        assertThat(v.get().reason()).contains("8000 characters").contains("limit 12000 bytes");
    }

    @Test
    void anEmojiBodyIsCountedAtFourBytesPerSymbol() {
        String cheer = "\uD83C\uDF89\uD83D\uDE00 "; // two emoji and a space: 5 characters, 9 bytes
        String under = cheer.repeat(1_000);
        String over = cheer.repeat(1_500);
        assertThat(under.getBytes(StandardCharsets.UTF_8)).hasSize(9_000);
        assertThat(over.length()).isEqualTo(7_500);
        assertThat(over.getBytes(StandardCharsets.UTF_8)).hasSize(13_500);

        assertThat(check(under)).isEmpty();
        assertThat(check(over)).map(ArticleValidator.Violation::rule).contains("body-too-large-bytes");
    }

    @Test
    void aLatinBodyOfTheSameLengthPassesAndTheCharacterLimitStillComesFirst() {
        assertThat(check("Ministers met on Monday. ".repeat(320))).isEmpty(); // 8,000 characters and bytes
        assertThat(check("x".repeat(10_001))).map(ArticleValidator.Violation::rule).contains("body-too-large");
        assertThat(check("é".repeat(10_001))).map(ArticleValidator.Violation::rule).contains("body-too-large");
    }

    @Test
    void aBodyOfExactlyTheByteLimitPassesAndOneByteMoreFails() {
        String exact = "ü".repeat(6_000); // 2 bytes each
        assertThat(check(exact)).isEmpty();
        assertThat(check(exact + "a")).map(ArticleValidator.Violation::rule).contains("body-too-large-bytes");
    }

    @Test
    void theByteCountMatchesTheEncoderIncludingUnpairedSurrogates() {
        String mixed = "a\u00e9\u4e2d\uD83D\uDE00\uD800x\uDC00\u07ff\u0800\uffff";
        assertThat(ArticleValidator.utf8Length(mixed, Long.MAX_VALUE))
                .isEqualTo(mixed.getBytes(StandardCharsets.UTF_8).length);
        assertThat(ArticleValidator.utf8Length("\u4e2d".repeat(1_000), 10))
                .as("counting stops soon after the limit").isGreaterThan(10).isLessThan(20);
    }
}
