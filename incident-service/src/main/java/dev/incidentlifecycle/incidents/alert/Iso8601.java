package dev.incidentlifecycle.incidents.alert;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/** Reads the ISO-8601 date-times alerting tools send. */
public final class Iso8601 {

    // PagerDuty's own documented example is "2015-07-17T08:42:58.315+0000": an offset without a colon,
    // which ISO_OFFSET_DATE_TIME refuses. A date-time without any offset is taken as UTC.
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMMss", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter();

    private Iso8601() {
    }

    /** The instant, or null when the text is not an ISO-8601 date-time. */
    public static Instant parse(String text) {
        try {
            TemporalAccessor parsed = DATE_TIME.parseBest(text.trim(), OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime offset
                    ? offset.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
