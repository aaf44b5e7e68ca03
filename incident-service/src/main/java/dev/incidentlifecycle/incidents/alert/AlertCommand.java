package dev.incidentlifecycle.incidents.alert;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** What can be asked of the alert of one dedup key. Ids and times come from outside. */
public sealed interface AlertCommand {

    /**
     * A trigger signal arrived.
     *
     * @param newAlertId used only if the trigger opens a new alert (none yet, or the last one resolved)
     * @param receivedAt when this service received the signal
     */
    record Trigger(AlertSignal signal, UUID newAlertId, Instant receivedAt) implements AlertCommand {
        public Trigger {
            Objects.requireNonNull(signal, "signal");
            Objects.requireNonNull(newAlertId, "newAlertId");
            Objects.requireNonNull(receivedAt, "receivedAt");
        }
    }

    /** An acknowledge signal arrived. */
    record Acknowledge(AlertSignal signal, Instant receivedAt) implements AlertCommand {
        public Acknowledge {
            Objects.requireNonNull(signal, "signal");
            Objects.requireNonNull(receivedAt, "receivedAt");
        }
    }

    /** A resolve signal arrived. */
    record Resolve(AlertSignal signal, Instant receivedAt) implements AlertCommand {
        public Resolve {
            Objects.requireNonNull(signal, "signal");
            Objects.requireNonNull(receivedAt, "receivedAt");
        }
    }

    /**
     * The declaration policy put the alert in an incident.
     *
     * @param alertId   the alert meant; refused if the key's current alert is another one
     * @param groupedBy the policy's rule that declared or grouped it, in words, or null
     */
    record AttachToIncident(UUID alertId, UUID incidentId, Instant attachedAt, String groupedBy) implements AlertCommand {
        public AttachToIncident(UUID alertId, UUID incidentId, Instant attachedAt) {
            this(alertId, incidentId, attachedAt, null);
        }

        public AttachToIncident {
            Objects.requireNonNull(alertId, "alertId");
            Objects.requireNonNull(incidentId, "incidentId");
            Objects.requireNonNull(attachedAt, "attachedAt");
        }
    }

    /**
     * A person detached the alert from its incident. For the key's current alert the incident must be the one it is
     * attached to; an older alert of the key is detached as the adapter found it (the read model's row).
     */
    record DetachFromIncident(UUID alertId, UUID incidentId, Instant detachedAt) implements AlertCommand {
        public DetachFromIncident {
            Objects.requireNonNull(alertId, "alertId");
            Objects.requireNonNull(incidentId, "incidentId");
            Objects.requireNonNull(detachedAt, "detachedAt");
        }
    }

    /** Its incident was merged into another one: the alert moves there (same rules as detaching). */
    record MoveToIncident(UUID alertId, UUID fromIncidentId, UUID incidentId, Instant movedAt) implements AlertCommand {
        public MoveToIncident {
            Objects.requireNonNull(alertId, "alertId");
            Objects.requireNonNull(fromIncidentId, "fromIncidentId");
            Objects.requireNonNull(incidentId, "incidentId");
            Objects.requireNonNull(movedAt, "movedAt");
        }
    }

    /** The command for a signal by its action; {@code newAlertId} is used only for triggers. */
    static AlertCommand from(AlertSignal signal, UUID newAlertId, Instant receivedAt) {
        return switch (signal.action()) {
            case TRIGGER -> new Trigger(signal, newAlertId, receivedAt);
            case ACKNOWLEDGE -> new Acknowledge(signal, receivedAt);
            case RESOLVE -> new Resolve(signal, receivedAt);
        };
    }
}
