package dev.incidentlifecycle.reviews.review.api;

import dev.incidentlifecycle.eventsourcing.InvalidCommand;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** How review-service's query parameters name a time: an RFC 3339 instant, or a date meaning its start in UTC. */
public final class TimeParameter {

    private TimeParameter() {
    }

    /** Null when absent or blank; a 400 naming {@code field} when it does not parse. */
    public static Instant instant(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.contains("T") ? OffsetDateTime.parse(value.strip()).toInstant()
                    : LocalDate.parse(value.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidCommand(field, field + " must be an RFC 3339 date-time or a date (YYYY-MM-DD)");
        }
    }
}
