package io.newsflow.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy exact = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, false);

    @Test
    void backoffGrowsByTheMultiplierAndStopsAtTheCap() {
        Random random = new Random(1);
        assertThat(exact.backoff(1, Optional.empty(), random)).isEqualTo(Duration.ofMillis(100));
        assertThat(exact.backoff(2, Optional.empty(), random)).isEqualTo(Duration.ofMillis(200));
        assertThat(exact.backoff(3, Optional.empty(), random)).isEqualTo(Duration.ofMillis(400));
        assertThat(exact.backoff(4, Optional.empty(), random)).isEqualTo(Duration.ofMillis(800));
        assertThat(exact.backoff(5, Optional.empty(), random)).isEqualTo(Duration.ofSeconds(1));
        assertThat(exact.backoff(60, Optional.empty(), random)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void fullJitterDrawsFromZeroToTheCeiling() {
        RetryPolicy jittered = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, true);
        Random random = new Random(42);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            long millis = jittered.backoff(3, Optional.empty(), random).toMillis();
            assertThat(millis).isBetween(0L, 400L);
            seen.add(millis);
        }
        assertThat(seen).hasSizeGreaterThan(100);
        assertThat(seen.stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThan(50);
        assertThat(seen.stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThan(350);
    }

    @Test
    void retryAfterReplacesTheComputedWaitButNotBeyondTheCap() {
        Random random = new Random(1);
        assertThat(exact.backoff(1, Optional.of(Duration.ofMillis(700)), random)).isEqualTo(Duration.ofMillis(700));
        assertThat(exact.backoff(1, Optional.of(Duration.ZERO), random)).isEqualTo(Duration.ZERO);
        assertThat(exact.backoff(1, Optional.of(Duration.ofHours(1)), random)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void retriesTimeoutsThrottlingAndServerErrorsOnly() {
        for (int status : new int[] {408, 429, 500, 502, 503, 504, 599}) {
            assertThat(RetryPolicy.retryableStatus(status)).as("%d", status).isTrue();
        }
        for (int status : new int[] {200, 204, 301, 400, 401, 403, 404, 409, 410, 413, 422}) {
            assertThat(RetryPolicy.retryableStatus(status)).as("%d", status).isFalse();
        }
    }

    @Test
    void theBudgetCountsTheFirstAttempt() {
        RetryPolicy three = exact.withMaxAttempts(3);
        assertThat(three.hasAttemptAfter(1)).isTrue();
        assertThat(three.hasAttemptAfter(2)).isTrue();
        assertThat(three.hasAttemptAfter(3)).isFalse();
        assertThat(exact.withMaxAttempts(1).hasAttemptAfter(1)).isFalse();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> exact.withMaxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1), 2.0, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofMillis(-1), Duration.ofSeconds(1), 2.0, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Duration.ofSeconds(1), 0.5, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Duration.ofSeconds(1), Double.NaN, true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
