package dev.incidentlifecycle.incidents.incident;

import dev.incidentlifecycle.incidents.alert.AlertEvent;
import dev.incidentlifecycle.incidents.alert.AlertSeverity;
import dev.incidentlifecycle.incidents.alert.AlertState;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The alert an incident is declared from or attached to, as the incident records it. */
public record AlertReference(UUID alertId, String dedupKey, String summary, AlertSeverity severity,
                             Instant triggeredAt) {

    public AlertReference {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(dedupKey, "dedupKey");
    }

    public static AlertReference of(AlertEvent.Triggered alert) {
        return new AlertReference(alert.alertId(), alert.dedupKey(), alert.summary(), alert.severity(),
                alert.triggeredAt());
    }

    public static AlertReference of(AlertState alert) {
        return new AlertReference(alert.alertId(), alert.dedupKey(), alert.summary(), alert.severity(),
                alert.triggeredAt());
    }
}
