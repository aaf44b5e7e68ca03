package dev.incidentlifecycle.reviews.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A meeting's time, half open: it ends at {@code end}, so back-to-back meetings do not overlap. */
public record MeetingSlot(Instant start, Instant end) {

    public MeetingSlot {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a meeting ends after it starts: " + start + " - " + end);
        }
    }

    public static MeetingSlot of(Instant start, Duration length) {
        return new MeetingSlot(start, start.plus(length));
    }

    public boolean overlaps(MeetingSlot other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    public Duration length() {
        return Duration.between(start, end);
    }
}
