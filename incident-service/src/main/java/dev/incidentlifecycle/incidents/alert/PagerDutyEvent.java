package dev.incidentlifecycle.incidents.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A PagerDuty Events API v2 body ({@code POST /v2/enqueue}, and the records of the {@code alerts}
 * topic), checked with PagerDuty's rules and turned into an {@link AlertSignal}.
 *
 * <p>Rules: {@code routing_key} present (its value is the adapter's to check against the configured
 * integration keys); {@code event_action} one of trigger, acknowledge, resolve; {@code dedup_key} at most
 * 255 characters, required for acknowledge and resolve, generated for a trigger without one; for a
 * trigger {@code payload.summary} (at most 1024 characters), {@code payload.source} and
 * {@code payload.severity} (critical, error, warning, info, lower case) present; {@code payload.timestamp},
 * when present, an ISO-8601 date-time (an offset may be written {@code +0000} as in PagerDuty's own example;
 * no offset means UTC). Every text keeps the bounds of {@link AlertLimits} (lengths, no control characters,
 * {@code client_url} and link hrefs http or https only, {@code custom_details} bounded in size, depth and
 * entries, with no U+0000 anywhere): what passes here can always be stored, so the {@code alerts} consumer,
 * which validates with this same method, never meets a record the database refuses. Fields of the wrong
 * JSON type are refused; unknown fields ({@code images}, ...) are ignored and never stored. For acknowledge
 * and resolve the payload is optional and read leniently, as PagerDuty ignores it: a payload field out of its
 * bounds is dropped.
 *
 * <p>Error wording follows PagerDuty where it is known: the body is
 * {@code {"status":"invalid event","message":"Event object is invalid","errors":[...]}} and errors read
 * like {@code 'payload.source' is missing or blank}. PagerDuty documents no list of error strings; the
 * ones for invalid values and lengths ({@code 'event_action' is invalid},
 * {@code 'dedup_key' exceeds 255 characters}) and for wrong types ({@code 'links' must be an array}) are ours.
 */
public final class PagerDutyEvent {

    /** {@code status} of PagerDuty's 202 answer. */
    public static final String SUCCESS_STATUS = "success";
    /** {@code message} of PagerDuty's 202 answer. */
    public static final String SUCCESS_MESSAGE = "Event processed";
    /** {@code status} of PagerDuty's 400 answer. */
    public static final String INVALID_STATUS = "invalid event";
    /** {@code message} of PagerDuty's 400 answer. */
    public static final String INVALID_MESSAGE = "Event object is invalid";

    public static final int MAX_DEDUP_KEY_LENGTH = AlertLimits.DEDUP_KEY;
    public static final int MAX_SUMMARY_LENGTH = AlertLimits.SUMMARY;

    /** Whether {@code routing_key} must be present: on {@code /v2/enqueue} yes; records written straight to Kafka may omit it. */
    public enum RoutingKey {
        REQUIRED, OPTIONAL
    }

    private static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");

    private PagerDutyEvent() {
    }

    /** Validates a body as {@code POST /v2/enqueue} does: {@code routing_key} required. */
    public static Validated<AlertSignal> validate(Map<String, ?> body, Supplier<String> newDedupKey) {
        return validate(body, newDedupKey, RoutingKey.REQUIRED);
    }

    /**
     * Validates a parsed JSON body.
     *
     * @param newDedupKey gives the dedup key of a trigger that came without one (called at most once)
     */
    public static Validated<AlertSignal> validate(Map<String, ?> body, Supplier<String> newDedupKey, RoutingKey routingKey) {
        Map<String, ?> event = body == null ? Map.of() : body;
        BodyReader reader = new BodyReader();

        if (routingKey == RoutingKey.REQUIRED) {
            reader.requiredText(event, "routing_key", "routing_key");
        } else {
            reader.text(event, "routing_key", "routing_key");
        }

        AlertSignal.Action action = action(event, reader);

        String dedupKey = null;
        Object key = event.get("dedup_key");
        if (key != null && !(key instanceof String)) {
            reader.error("'dedup_key' must be a string");
        } else if (key instanceof String text && !text.isBlank()) {
            dedupKey = reader.checked(text, "dedup_key", AlertLimits.DEDUP_KEY, AlertText.Kind.LINE);
        } else if (action == AlertSignal.Action.ACKNOWLEDGE || action == AlertSignal.Action.RESOLVE) {
            reader.error("'dedup_key' is missing or blank");
        }

        Payload payload = action == AlertSignal.Action.TRIGGER
                ? strictPayload(event, reader)
                : lenientPayload(event);

        List<AlertLink> links = links(event, reader);
        String client = reader.boundedText(event, "client", "client", AlertLimits.CLIENT, AlertText.Kind.LINE);
        String clientUrl = reader.webUrl(event, "client_url", "client_url");

        if (!reader.errors().isEmpty()) {
            return new Validated.Invalid<>(reader.errors(), reader.tooLarge());
        }
        if (dedupKey == null) {
            dedupKey = newDedupKey.get();
        }
        String service = payload.component != null ? payload.component : payload.source;
        return new Validated.Valid<>(new AlertSignal(action, dedupKey, payload.summary, payload.source,
                payload.severity, payload.timestamp, payload.component, payload.group, payload.alertClass,
                payload.customDetails, links, client, clientUrl, service));
    }

    /** The {@code routing_key} of a body, for the adapter to check against configured keys; null when absent or not a string. */
    public static String routingKeyOf(Map<String, ?> body) {
        return body != null && body.get("routing_key") instanceof String key ? key : null;
    }

    /**
     * The PagerDuty Events API v2 body for a signal, as written onto the {@code alerts} topic (for
     * instance by the Alertmanager webhook). {@code validate} of this body gives the signal back, except
     * that the service is re-derived from {@code payload.component} else {@code payload.source}, so the
     * signal's {@code service} is written as the component when it has one.
     *
     * @param routingKey written as {@code routing_key} when not null
     */
    public static Map<String, Object> toBody(AlertSignal signal, String routingKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (routingKey != null) {
            body.put("routing_key", routingKey);
        }
        body.put("event_action", signal.action().name().toLowerCase(Locale.ROOT));
        body.put("dedup_key", signal.dedupKey());

        Map<String, Object> payload = new LinkedHashMap<>();
        putIfPresent(payload, "summary", signal.summary());
        putIfPresent(payload, "source", signal.source());
        putIfPresent(payload, "severity", signal.severity() == null ? null : signal.severity().wireName());
        putIfPresent(payload, "timestamp", signal.timestamp() == null ? null : signal.timestamp().toString());
        putIfPresent(payload, "component", signal.service() != null ? signal.service() : signal.component());
        putIfPresent(payload, "group", signal.group());
        putIfPresent(payload, "class", signal.alertClass());
        if (!signal.customDetails().isEmpty()) {
            payload.put("custom_details", signal.customDetails());
        }
        if (!payload.isEmpty()) {
            body.put("payload", payload);
        }
        if (!signal.links().isEmpty()) {
            List<Map<String, Object>> links = new ArrayList<>();
            for (AlertLink link : signal.links()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("href", link.href());
                putIfPresent(json, "text", link.text());
                links.add(json);
            }
            body.put("links", links);
        }
        putIfPresent(body, "client", signal.client());
        putIfPresent(body, "client_url", signal.clientUrl());
        return body;
    }

    private static AlertSignal.Action action(Map<String, ?> event, BodyReader reader) {
        Object value = event.get("event_action");
        if (value == null || value instanceof String text && text.isBlank()) {
            reader.error("'event_action' is missing or blank");
            return null;
        }
        if (!(value instanceof String text) || !ACTIONS.contains(text)) {
            reader.error("'event_action' is invalid");
            return null;
        }
        return AlertSignal.Action.valueOf(text.toUpperCase(Locale.ROOT));
    }

    private record Payload(String summary, String source, AlertSeverity severity, Instant timestamp,
                           String component, String group, String alertClass, Map<String, Object> customDetails) {
    }

    private static Payload strictPayload(Map<String, ?> event, BodyReader reader) {
        Map<String, Object> payload = reader.object(event, "payload", "payload");
        if (payload == null) {
            if (event.get("payload") == null) {
                reader.error("'payload.summary' is missing or blank");
                reader.error("'payload.source' is missing or blank");
                reader.error("'payload.severity' is missing or blank");
            }
            return new Payload(null, null, null, null, null, null, null, null);
        }
        String summary = reader.checked(reader.requiredText(payload, "summary", "payload.summary"),
                "payload.summary", AlertLimits.SUMMARY, AlertText.Kind.PROSE);
        String source = reader.checked(reader.requiredText(payload, "source", "payload.source"),
                "payload.source", AlertLimits.SOURCE, AlertText.Kind.LINE);
        AlertSeverity severity = null;
        Object severityValue = payload.get("severity");
        if (severityValue == null || severityValue instanceof String text && text.isBlank()) {
            reader.error("'payload.severity' is missing or blank");
        } else {
            severity = severityValue instanceof String text ? AlertSeverity.fromWireName(text) : null;
            if (severity == null) {
                reader.error("'payload.severity' is invalid");
            }
        }
        return new Payload(summary, source, severity, timestamp(payload, reader),
                reader.boundedText(payload, "component", "payload.component", AlertLimits.COMPONENT, AlertText.Kind.LINE),
                reader.boundedText(payload, "group", "payload.group", AlertLimits.GROUP, AlertText.Kind.LINE),
                reader.boundedText(payload, "class", "payload.class", AlertLimits.CLASS, AlertText.Kind.LINE),
                customDetails(payload, reader));
    }

    private static Map<String, Object> customDetails(Map<String, Object> payload, BodyReader reader) {
        Map<String, Object> details = reader.object(payload, "custom_details", "payload.custom_details");
        if (details != null) {
            CustomDetails.check(details, "payload.custom_details", reader);
        }
        return details;
    }

    /** Acknowledge and resolve: whatever readable payload came along is kept, the rest is ignored. */
    private static Payload lenientPayload(Map<String, ?> event) {
        Map<String, Object> payload = BodyReader.asObject(event.get("payload"));
        if (payload == null) {
            return new Payload(null, null, null, null, null, null, null, null);
        }
        // A field out of its bounds is dropped, not refused: it must still never reach the database.
        BodyReader ignored = new BodyReader();
        BodyReader details = new BodyReader();
        Map<String, Object> customDetails = customDetails(payload, details);
        return new Payload(
                ignored.boundedText(payload, "summary", "payload.summary", AlertLimits.SUMMARY, AlertText.Kind.PROSE),
                ignored.boundedText(payload, "source", "payload.source", AlertLimits.SOURCE, AlertText.Kind.LINE),
                payload.get("severity") instanceof String text ? AlertSeverity.fromWireName(text) : null,
                timestamp(payload, ignored),
                ignored.boundedText(payload, "component", "payload.component", AlertLimits.COMPONENT, AlertText.Kind.LINE),
                ignored.boundedText(payload, "group", "payload.group", AlertLimits.GROUP, AlertText.Kind.LINE),
                ignored.boundedText(payload, "class", "payload.class", AlertLimits.CLASS, AlertText.Kind.LINE),
                details.errorCount() == 0 ? customDetails : null);
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

    /** The {@code links} of a body, each an http(s) {@code href} and an optional {@code text}, within {@link AlertLimits}. */
    public static List<AlertLink> links(Map<String, ?> event, BodyReader reader) {
        List<?> array = reader.array(event, "links", "links");
        if (array == null) {
            return List.of();
        }
        if (array.size() > AlertLimits.LINKS) {
            reader.exceeded("'links' holds more than " + AlertLimits.LINKS + " links");
            return List.of();
        }
        List<AlertLink> links = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String path = "links[" + i + "]";
            Map<String, Object> link = BodyReader.asObject(array.get(i));
            if (link == null) {
                reader.error("'" + path + "' must be an object");
                continue;
            }
            String href = reader.requiredText(link, "href", path + ".href") == null
                    ? null : reader.webUrl(link, "href", path + ".href");
            String text = reader.boundedText(link, "text", path + ".text", AlertLimits.LINK_TEXT, AlertText.Kind.LINE);
            if (href != null) {
                links.add(new AlertLink(href, text));
            }
        }
        return links;
    }

    private static void putIfPresent(Map<String, Object> json, String key, String value) {
        if (value != null) {
            json.put(key, value);
        }
    }
}
