package dev.incidentlifecycle.actions.incident;

import dev.incidentlifecycle.actions.actionitem.ReviewOrigin;
import dev.incidentlifecycle.actions.actionitem.Severity;

import java.time.Instant;
import java.util.UUID;

/**
 * An incident this service heard of on {@code incident-events}: what an action item created by hand may reference
 * when the incident has no review. Written only from the topic (times are the events' own), so replaying the topic
 * rebuilds the same rows.
 *
 * @param service   the affected service, or null when unknown
 * @param updatedAt when the last event that changed it happened
 */
public record KnownIncident(UUID incidentId, String number, String title, String service, Severity severity,
                            IncidentStatus status, Instant updatedAt) {

    /** The incident alone, as an item created by hand for it references it. */
    public ReviewOrigin withoutReview() {
        return ReviewOrigin.withoutReview(incidentId, number, severity, service);
    }

    KnownIncident withSeverity(Severity now, Instant at) {
        return new KnownIncident(incidentId, number, title, service, now, status, at);
    }

    KnownIncident withTitleAndService(String newTitle, String newService, Instant at) {
        return new KnownIncident(incidentId, number, newTitle, newService, severity, status, at);
    }

    KnownIncident withStatus(IncidentStatus now, Instant at) {
        return new KnownIncident(incidentId, number, title, service, severity, now, at);
    }
}
