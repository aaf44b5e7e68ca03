package dev.incidentlifecycle.incidents.web;

import dev.incidentlifecycle.eventsourcing.InvalidCommand;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads query parameters so that a wrong value is a precise 400 naming the parameter (JAX-RS's own
 * conversion would answer 404 for a query parameter it cannot convert).
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** An RFC 3339 date-time with an offset ({@code 2026-03-02T14:32:00Z}), or null when absent. */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidCommand(name, name + " must be an RFC 3339 date-time with an offset, like 2026-03-02T14:32:00Z");
        }
    }

    /** One of an enum's names (any case), or null when absent. */
    public static <E extends Enum<E>> E choice(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidCommand(name, name + " must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    /** Blank counts as absent. */
    public static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
