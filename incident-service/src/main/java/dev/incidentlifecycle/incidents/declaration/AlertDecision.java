package dev.incidentlifecycle.incidents.declaration;

import dev.incidentlifecycle.incidents.incident.IncidentSeverity;
import java.util.Objects;
import java.util.UUID;

/**
 * What the declaration policy decides for a newly triggered alert; {@code rule} says which rule decided it, in
 * words: the alert's {@code groupedBy}.
 */
public sealed interface AlertDecision {

    String rule();

    /** Declare a new incident from the alert, with this severity and title. */
    record Declare(IncidentSeverity severity, String title, String rule) implements AlertDecision {
        public Declare(IncidentSeverity severity, String title) {
            this(severity, title, null);
        }

        public Declare {
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(title, "title");
        }
    }

    /** Attach the alert to this open incident of the same grouping key instead of declaring another. */
    record AttachTo(UUID incidentId, String rule) implements AlertDecision {
        public AttachTo(UUID incidentId) {
            this(incidentId, null);
        }

        public AttachTo {
            Objects.requireNonNull(incidentId, "incidentId");
        }
    }

    /** Keep the alert as an alert; no incident. */
    record RecordOnly(String rule) implements AlertDecision {
        public RecordOnly() {
            this(null);
        }
    }
}
