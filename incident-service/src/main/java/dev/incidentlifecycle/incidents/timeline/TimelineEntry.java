package dev.incidentlifecycle.incidents.timeline;

import dev.incidentlifecycle.incidents.incident.IncidentEvent;
import java.time.Instant;

/**
 * One line of an incident's timeline: what happened, who did it, when it happened (as the person says)
 * and when it was recorded (never back-dated). A back-dated note shows both times.
 */
public record TimelineEntry(String type, String sentence, String actor, Instant occurredAt, Instant recordedAt) {

    /** @param recordedAt the stored event's recorded-at metadata */
    public static TimelineEntry of(IncidentEvent event, Instant recordedAt) {
        return new TimelineEntry(event.type(), TimelineSentence.of(event), event.actor(), event.occurredAt(),
                recordedAt);
    }

    /** Whether it was dated earlier than it was recorded (by more than the second it takes to record it). */
    public boolean backDated() {
        return recordedAt != null && occurredAt.plusSeconds(1).isBefore(recordedAt);
    }
}
