package dev.incidentlifecycle.incidents.change;

import dev.incidentlifecycle.incidents.alert.AlertLimits;
import dev.incidentlifecycle.incidents.alert.AlertLink;
import dev.incidentlifecycle.incidents.alert.AlertText;
import dev.incidentlifecycle.incidents.alert.BodyReader;
import dev.incidentlifecycle.incidents.alert.CustomDetails;
import dev.incidentlifecycle.incidents.alert.Iso8601;
import dev.incidentlifecycle.incidents.alert.PagerDutyEvent;
import dev.incidentlifecycle.incidents.alert.Validated;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A PagerDuty Change Events body ({@code POST /v2/change/enqueue}, and the records of the {@code changes} topic),
 * checked with the bounds of the alert intake ({@link AlertLimits}) and turned into a {@link ChangeEvent}.
 *
 * <p>Rules: {@code routing_key} present on HTTP (optional on the topic); {@code payload} an object with
 * {@code payload.summary} (at most 1024 characters; tab, line feed and carriage return allowed, no other control
 * character); {@code payload.source} at most 255 characters; {@code payload.timestamp} an ISO-8601 date-time when
 * present; {@code payload.custom_details} within the custom_details bounds, its {@code service}, when present, a
 * string of at most 255 characters with no control character; {@code links} as for alerts (20, http or https).
 * Unknown fields are ignored and never stored. Errors read as PagerDuty's do ({@code 'payload.summary' is missing
 * or blank}).
 */
public final class PagerDutyChangeEvent {

    /** {@code message} of PagerDuty's 202 answer to a change event. */
    public static final String SUCCESS_MESSAGE = "Change event processed";
    /** The most characters of a change's service (it is indexed, as an alert's is). */
    public static final int SERVICE = AlertLimits.COMPONENT;

    private PagerDutyChangeEvent() {
    }

    public static Validated<ChangeEvent> validate(Map<String, ?> body, PagerDutyEvent.RoutingKey routingKey) {
        Map<String, ?> event = body == null ? Map.of() : body;
        BodyReader reader = new BodyReader();
        if (routingKey == PagerDutyEvent.RoutingKey.REQUIRED) {
            reader.requiredText(event, "routing_key", "routing_key");
        }
        Map<String, Object> payload = reader.object(event, "payload", "payload");
        String summary = null;
        String source = null;
        Instant timestamp = null;
        Map<String, Object> details = null;
        String service = null;
        if (payload == null) {
            if (event.get("payload") == null) {
                reader.error("'payload.summary' is missing or blank");
            }
        } else {
            summary = reader.checked(reader.requiredText(payload, "summary", "payload.summary"),
                    "payload.summary", AlertLimits.SUMMARY, AlertText.Kind.PROSE);
            source = reader.boundedText(payload, "source", "payload.source", AlertLimits.SOURCE, AlertText.Kind.LINE);
            timestamp = timestamp(payload, reader);
            details = reader.object(payload, "custom_details", "payload.custom_details");
            if (details != null) {
                CustomDetails.check(details, "payload.custom_details", reader);
                service = serviceNamed(details, reader);
            }
        }
        List<AlertLink> links = PagerDutyEvent.links(event, reader);
        if (!reader.errors().isEmpty()) {
            return new Validated.Invalid<>(reader.errors(), reader.tooLarge());
        }
        return new Validated.Valid<>(new ChangeEvent(summary, source, timestamp, details, links, service));
    }

    /** What to say when a change names no service and its sender has none. */
    public static String noService() {
        return "'payload.source' is missing or blank: a change needs a service "
                + "(payload.custom_details.service, the integration's service, or payload.source)";
    }

    private static String serviceNamed(Map<String, Object> details, BodyReader reader) {
        Object value = details.get("service");
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            reader.error("'payload.custom_details.service' must be a string");
            return null;
        }
        return text.isBlank() ? null
                : reader.checked(text, "payload.custom_details.service", SERVICE, AlertText.Kind.LINE);
    }

    private static Instant timestamp(Map<String, Object> payload, BodyReader reader) {
        Object value = payload.get("timestamp");
        if (value == null) {
            return null;
        }
        Instant timestamp = value instanceof String text ? Iso8601.parse(text) : null;
        if (timestamp == null) {
            reader.error("'payload.timestamp' is invalid");
        }
        return timestamp;
    }
}
