package dev.incidentlifecycle.actions.actionitem.api;

import dev.incidentlifecycle.eventsourcing.InvalidCommand;

import java.time.LocalDate;
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
 * silently ignored filter.
 */
final class QueryParameters {

    private QueryParameters() {
    }

    static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidCommand(name, name + " must be a UUID, got '" + value + "'");
        }
    }

    static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidCommand(name, name + " must be a date (YYYY-MM-DD), got '" + value + "'");
        }
    }

    static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidCommand(name, name + " must be true or false, got '" + value + "'");
        };
    }

    static <E extends Enum<E>> E oneOf(String name, Class<E> type, String value) {
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
    static <E extends Enum<E>> Set<E> anyOf(String name, Class<E> type, List<String> values) {
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
