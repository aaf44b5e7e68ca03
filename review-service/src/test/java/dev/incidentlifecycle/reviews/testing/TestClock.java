package dev.incidentlifecycle.reviews.testing;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in tests: the real time, shifted or pinned by a test (overdue reviews, insights over a
 * known period). It replaces the library's default clock bean, so recorded times, due-date sweeps and "now" all
 * follow it. Tests that move it put it back in {@code @AfterEach}.
 */
@Singleton
public class TestClock extends Clock {

    private volatile Duration offset = Duration.ZERO;
    private volatile Instant pinned;

    @Override
    public Instant instant() {
        Instant fixed = pinned;
        return fixed != null ? fixed : Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    /** Moves "now" forward (or back) by {@code by}. */
    public void advance(Duration by) {
        Instant fixed = pinned;
        if (fixed != null) {
            pinned = fixed.plus(by);
        } else {
            offset = offset.plus(by);
        }
    }

    /** Stops the clock at {@code instant} until it is moved or reset. */
    public void pin(Instant instant) {
        pinned = instant;
    }

    /** Back to the real time. */
    public void reset() {
        pinned = null;
        offset = Duration.ZERO;
    }
}
