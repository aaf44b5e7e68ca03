package dev.incidentlifecycle.incidents.alert;

import java.time.Instant;
import java.util.UUID;

/**
 * The current alert of one dedup key (stream {@code alert-<dedupKey>}), folded from its events. Simple
 * fields only, so it can be stored as a snapshot. Before the first trigger every field is null or 0
 * ({@link #NONE}); after a resolve it still describes the resolved alert until a trigger opens a new one.
 *
 * @param occurrences    triggers received for this alert, the first one included
 * @param triggeredAt    when the alert started (the sender's timestamp, never after it was received)
 * @param lastTriggerAt  when its latest trigger was received
 * @param alertsOpened   how many alerts this dedup key has had, this one included
 */
public record AlertState(
        UUID alertId,
        String dedupKey,
        AlertStatus status,
        AlertSeverity severity,
        String summary,
        String source,
        String service,
        long occurrences,
        UUID incidentId,
        Instant triggeredAt,
        Instant lastTriggerAt,
        Instant acknowledgedAt,
        Instant resolvedAt,
        int alertsOpened) {

    public static final AlertState NONE =
            new AlertState(null, null, null, null, null, null, null, 0, null, null, null, null, null, 0);

    /** Whether any alert was ever triggered with this key. */
    public boolean hasAlert() {
        return alertId != null;
    }

    /** Whether the current alert is TRIGGERED or ACKNOWLEDGED: a trigger now repeats it instead of opening a new one. */
    public boolean hasOpenAlert() {
        return status != null && status.open();
    }
}
