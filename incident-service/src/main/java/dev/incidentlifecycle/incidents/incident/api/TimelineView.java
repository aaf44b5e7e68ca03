package dev.incidentlifecycle.incidents.incident.api;

import dev.incidentlifecycle.incidents.timeline.TimelineEntry;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * One line of an incident's timeline. {@code occurredAt} is when it happened by the actor's account (a person
 * may back-date a note or a milestone); {@code recordedAt} is when this service recorded it, never back-dated.
 *
 * @param backDated whether it was dated earlier than it was recorded
 * @param sequence  the event's stream version: the order it was recorded in; 0 for context
 * @param context   whether it is context (a change to one of the incident's services), not an event of the incident
 */
public record TimelineView(
        @Schema(description = "the incident event's type, or \"change\" for a change shown as context", examples = "incident.acknowledged")
        String type, String sentence, String actor, Instant occurredAt, Instant recordedAt,
        boolean backDated,
        @Schema(description = "the event's stream version (the order it was recorded in); 0 for context entries") long sequence,
        @Schema(description = "true for context: a change made to one of the incident's services from the look-back before its "
                + "declaration until it resolved (GET /incidents/{id}/changes); false for the incident's own events") boolean context) {

    public static TimelineView of(TimelineEntry entry, long sequence) {
        return new TimelineView(entry.type(), entry.sentence(), entry.actor(), entry.occurredAt(), entry.recordedAt(),
                entry.backDated(), sequence, entry.context());
    }
}
