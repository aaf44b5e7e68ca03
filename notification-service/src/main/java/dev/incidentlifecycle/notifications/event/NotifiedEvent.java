package dev.incidentlifecycle.notifications.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentlifecycle.eventstore.consuming.IncomingMessage;

import java.time.Instant;

/**
 * One event from the topics as subscribers are told of it.
 *
 * @param id      its CloudEvent id: with the subscription, what makes the webhook-id
 * @param type    its type, e.g. {@code incident.declared}
 * @param subject the aggregate id (incident, review or action item)
 * @param data    its payload, as published
 * @param facts   what is known of its subject, this event included
 */
public record NotifiedEvent(String id, String type, String subject, Instant time, JsonNode data, SubjectFacts facts) {

    /**
     * The event a message tells, its subject's facts not yet known; null for plain JSON (no CloudEvent type), which says
     * nothing a subscriber could subscribe to. Data that is not a JSON object is poison.
     */
    public static NotifiedEvent of(IncomingMessage message) {
        if (message.type() == null || !message.type().contains(".")) {
            return null;
        }
        return new NotifiedEvent(message.id(), message.type(), message.subject(), message.time(), message.object(), SubjectFacts.NONE);
    }

    /** The subject's kind: the event type's prefix ({@code incident}, {@code review}, {@code action-item}). */
    public String kind() {
        return type.substring(0, type.indexOf('.'));
    }

    /** The key its subject's facts are kept under. */
    public String subjectKey() {
        return kind() + ":" + subject;
    }
}
