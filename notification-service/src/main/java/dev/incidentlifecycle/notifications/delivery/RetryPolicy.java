package dev.incidentlifecycle.notifications.delivery;

import dev.incidentlifecycle.notifications.NotificationSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed attempt is tried again: exponential back-off from the initial delay, doubling up to the maximum,
 * with full jitter on the upper half (so that many deliveries failing together do not come back together), or the
 * receiver's {@code Retry-After} when it gives one; the last one at the end of the delivery's retry window.
 */
public final class RetryPolicy {

    private final Duration initial;
    private final Duration max;
    private final Duration window;

    public RetryPolicy(Duration initial, Duration max, Duration window) {
        this.initial = initial;
        this.max = max;
        this.window = window;
    }

    public static RetryPolicy of(NotificationSettings.Delivery delivery) {
        return new RetryPolicy(delivery.initialBackoff(), delivery.maxBackoff(), delivery.retryWindow());
    }

    /** The end of the retry window of a delivery first attempted (or redelivered) at {@code start}. */
    public Instant retryUntil(Instant start) {
        return start.plus(window);
    }

    /**
     * The next attempt after attempt number {@code attempts} (1 for the first) failed at {@code now}, or null when
     * the window closes before it: the delivery has failed for good.
     */
    public Instant next(int attempts, Instant now, Instant retryUntil, Duration retryAfter) {
        Instant next = now.plus(retryAfter != null ? retryAfter : backoff(attempts));
        if (!next.isAfter(retryUntil)) {
            return next;
        }
        // The last attempt is at the window's end, so that retries always span the whole window; unless the
        // receiver asked for a later one, which is then never made.
        return retryAfter == null && now.isBefore(retryUntil) ? retryUntil : null;
    }

    Duration backoff(int attempts) {
        long base = initial.toMillis();
        long capped = Math.min(max.toMillis(), base << Math.min(attempts - 1, 30));
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
