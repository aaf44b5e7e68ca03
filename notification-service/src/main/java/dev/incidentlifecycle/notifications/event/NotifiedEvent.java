package dev.incidentlifecycle.notifications.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentlifecycle.eventstore.consuming.IncomingMessage;

import java.time.Instant;
import java.util.Map;

/**
 * One event from the topics as subscribers are told of it.
 *
 * @param id      its CloudEvent id: with the subscription, what makes the webhook-id
 * @param type    its type, e.g. {@code incident.declared}
 * @param subject the aggregate id (incident, review or action item)
 * @param dataVersion its CloudEvent dataversion: the version of its type's schema that {@code data} follows
 * @param data    its payload, as published
 * @param facts   what is known of its subject, this event included
 */
public record NotifiedEvent(String id, String type, String subject, Instant time, int dataVersion, JsonNode data,
                            SubjectFacts facts) {

    /**
     * The newest data version of each kind's events read here; every version from 1 up to it is. Action items have
     * version 2, whose reviewId may be null (an item created by hand for an incident that had no review).
     */
    static final Map<String, Integer> NEWEST_DATA_VERSION = Map.of("incident", 1, "review", 1, "action-item", 2);

    /**
     * The event a message tells, its subject's facts not yet known; null for plain JSON (no CloudEvent type), which says
     * nothing a subscriber could subscribe to. Data that is not a JSON object, or of a version not read here, is poison.
     */
    public static NotifiedEvent of(IncomingMessage message) {
        if (message.type() == null || !message.type().contains(".")) {
            return null;
        }
        message.requireDataVersionUpTo(NEWEST_DATA_VERSION.getOrDefault(kindOf(message.type()), 1));
        return new NotifiedEvent(message.id(), message.type(), message.subject(), message.time(), message.dataVersion(),
                message.object(), SubjectFacts.NONE);
    }

    /** The same event, with what is known of its subject. */
    public NotifiedEvent withFacts(SubjectFacts known) {
        return new NotifiedEvent(id, type, subject, time, dataVersion, data, known);
    }

    /** The subject's kind: the event type's prefix ({@code incident}, {@code review}, {@code action-item}). */
    public String kind() {
        return kindOf(type);
    }

    private static String kindOf(String type) {
        return type.substring(0, type.indexOf('.'));
    }

    /** The key its subject's facts are kept under. */
    public String subjectKey() {
        return kind() + ":" + subject;
    }
}
