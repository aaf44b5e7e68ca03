package dev.incidentlifecycle.incidents.timeline;

import dev.incidentlifecycle.incidents.change.ChangeView;
import dev.incidentlifecycle.incidents.incident.IncidentEvent;
import java.time.Instant;

/**
 * One line of an incident's timeline: what happened, who did it, when it happened (as the person says)
 * and when it was recorded (never back-dated). A back-dated note shows both times.
 *
 * @param context whether it is context rather than part of the incident's own record: a change made to one of its
 *                services around it (type {@value #CHANGE}), which the incident's events never contain
 */
public record TimelineEntry(String type, String sentence, String actor, Instant occurredAt, Instant recordedAt,
                            boolean context) {

    /** The type of a change shown as context. */
    public static final String CHANGE = "change";

    /** @param recordedAt the stored event's recorded-at metadata */
    public static TimelineEntry of(IncidentEvent event, Instant recordedAt) {
        return new TimelineEntry(event.type(), TimelineSentence.of(event), event.actor(), event.occurredAt(),
                recordedAt, false);
    }

    /** A change to one of the incident's services, as context. */
    public static TimelineEntry of(ChangeView change) {
        return new TimelineEntry(CHANGE, TimelineSentence.of(change), change.actor(), change.occurredAt(),
                change.receivedAt(), true);
    }

    /** Whether it was dated earlier than it was recorded (by more than the second it takes to record it). */
    public boolean backDated() {
        return !context && recordedAt != null && occurredAt.plusSeconds(1).isBefore(recordedAt);
    }
}
