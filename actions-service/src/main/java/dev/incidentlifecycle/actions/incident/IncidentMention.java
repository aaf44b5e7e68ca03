package dev.incidentlifecycle.actions.incident;

import dev.incidentlifecycle.actions.actionitem.Severity;
import dev.incidentlifecycle.eventstore.consuming.PoisonMessage;

import java.util.UUID;

/**
 * The part of an incident event this service reads: which incident, and what {@code incident.declared} ({@code number},
 * {@code title}, {@code severity}, {@code service}), {@code incident.edited} ({@code title}, {@code service}) and
 * {@code incident.severity-changed} ({@code to}) say of it. Each type carries what it needs of these; the rest is ignored.
 */
record IncidentMention(UUID incidentId, String number, String title, Severity severity, String service, Severity to) {

    UUID requireIncidentId(String type) {
        return require(incidentId, type, "incidentId");
    }

    static <T> T require(T value, String type, String field) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw new PoisonMessage(type + " without " + field);
        }
        return value;
    }
}
