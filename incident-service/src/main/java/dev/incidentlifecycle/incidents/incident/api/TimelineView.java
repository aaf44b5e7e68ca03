package dev.incidentlifecycle.incidents.incident.api;

import dev.incidentlifecycle.incidents.timeline.TimelineEntry;

import java.time.Instant;

/**
 * One line of an incident's timeline. {@code occurredAt} is when it happened by the actor's account (a person
 * may back-date a note or a milestone); {@code recordedAt} is when this service recorded it, never back-dated.
 *
 * @param backDated whether it was dated earlier than it was recorded
 * @param sequence  the event's stream version: the order it was recorded in
 */
public record TimelineView(String type, String sentence, String actor, Instant occurredAt, Instant recordedAt,
                           boolean backDated, long sequence) {

    public static TimelineView of(TimelineEntry entry, long sequence) {
        return new TimelineView(entry.type(), entry.sentence(), entry.actor(), entry.occurredAt(), entry.recordedAt(),
                entry.backDated(), sequence);
    }
}
