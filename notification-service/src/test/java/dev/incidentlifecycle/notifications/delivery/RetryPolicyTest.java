package dev.incidentlifecycle.notifications.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(5), Duration.ofHours(3), Duration.ofHours(26));
    final Instant start = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void back_off_doubles_with_jitter_up_to_the_maximum() {
        for (int attempt = 1; attempt <= 20; attempt++) {
            long ceiling = Math.min(Duration.ofHours(3).toMillis(), 5_000L << (attempt - 1));
            Duration delay = policy.backoff(attempt);
            assertThat(delay.toMillis()).as("attempt " + attempt).isBetween(ceiling / 2, ceiling);
        }
    }

    @Test
    void retries_go_on_for_more_than_24_hours_then_stop() {
        Instant retryUntil = policy.retryUntil(start);
        Instant at = start;
        int attempts = 1;
        Instant next;
        while ((next = policy.next(attempts, at, retryUntil, null)) != null) {
            at = next;
            attempts++;
        }
        assertThat(Duration.between(start, at)).isGreaterThan(Duration.ofHours(24));
        assertThat(at).as("the last attempt closes the window").isEqualTo(retryUntil);
        assertThat(attempts).isBetween(12, 40);
    }

    @Test
    void retry_after_is_honoured_even_beyond_the_back_off() {
        Instant next = policy.next(1, start, policy.retryUntil(start), Duration.ofMinutes(10));
        assertThat(next).isEqualTo(start.plus(Duration.ofMinutes(10)));
        Instant nearTheEnd = policy.retryUntil(start).minusSeconds(60);
        assertThat(policy.next(20, nearTheEnd, policy.retryUntil(start), Duration.ofMinutes(10))).as("asked to come back too late").isNull();
        assertThat(WebhookSender.retryAfter("120")).isEqualTo(Duration.ofMinutes(2));
        assertThat(WebhookSender.retryAfter("soon")).isNull();
        assertThat(WebhookSender.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
    }
}
