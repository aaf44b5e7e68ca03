package dev.incidentlifecycle.incidents.declaration;

import dev.incidentlifecycle.incidents.incident.IncidentSeverity;
import java.util.Objects;
import java.util.UUID;

/** What the declaration policy decides for a newly triggered alert. */
public sealed interface AlertDecision {

    /** Declare a new incident from the alert, with this severity and title. */
    record Declare(IncidentSeverity severity, String title) implements AlertDecision {
        public Declare {
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(title, "title");
        }
    }

    /** Attach the alert to this open incident of the same service instead of declaring another. */
    record AttachTo(UUID incidentId) implements AlertDecision {
        public AttachTo {
            Objects.requireNonNull(incidentId, "incidentId");
        }
    }

    /** Keep the alert as an alert; no incident. */
    record RecordOnly() implements AlertDecision {
    }
}
