package dev.incidentlifecycle.web;

import dev.incidentlifecycle.eventsourcing.InvalidCommand;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reads query parameters strictly: a value that does not parse is a 400 naming the parameter, never a
 * silently ignored filter (JAX-RS's own conversion would answer 404 for a query parameter it cannot
 * convert). Blank counts as absent.
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** Blank counts as absent. */
    public static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
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

    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidCommand(name, name + " must be a UUID, got '" + value + "'");
        }
    }

    public static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidCommand(name, name + " must be a date (YYYY-MM-DD), got '" + value + "'");
        }
    }

    public static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidCommand(name, name + " must be true or false, got '" + value + "'");
        };
    }

    public static <E extends Enum<E>> E oneOf(String name, Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidCommand(name, name + " must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")) + ", got '" + value + "'");
        }
    }

    /** Repeated ({@code ?status=OPEN&status=DONE}) or comma-separated ({@code ?status=OPEN,DONE}) values. */
    public static <E extends Enum<E>> Set<E> anyOf(String name, Class<E> type, List<String> values) {
        Set<E> parsed = EnumSet.noneOf(type);
        if (values != null) {
            for (String value : values) {
                for (String part : value.split(",")) {
                    E one = oneOf(name, type, part);
                    if (one != null) {
                        parsed.add(one);
                    }
                }
            }
        }
        return parsed;
    }
}
