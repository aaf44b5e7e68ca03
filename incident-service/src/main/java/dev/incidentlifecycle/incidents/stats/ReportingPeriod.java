package dev.incidentlifecycle.incidents.stats;

import dev.incidentlifecycle.eventsourcing.InvalidCommand;

import java.time.Duration;
import java.time.Instant;

/**
 * The incidents counted: those declared in {@code [from, to)}, a period of at most {@link #LONGEST} so that no
 * report reads more than a year of incidents. Without {@code to} it ends now; without {@code from} it is the
 * {@link #DEFAULT} before its end.
 */
public record ReportingPeriod(Instant from, Instant to) {

    public static final Duration LONGEST = Duration.ofDays(366);
    public static final Duration DEFAULT = Duration.ofDays(30);

    public ReportingPeriod {
        if (to.isBefore(from)) {
            throw new InvalidCommand("to", "the period cannot end before it starts");
        }
        if (Duration.between(from, to).compareTo(LONGEST) > 0) {
            throw new InvalidCommand("from", "the period can be at most 366 days long");
        }
    }

    /** The period the query parameters ask for, either bound left out. */
    public static ReportingPeriod of(Instant from, Instant to, Instant now) {
        Instant end = to != null ? to : now;
        return new ReportingPeriod(from != null ? from : end.minus(DEFAULT), end);
    }
}
