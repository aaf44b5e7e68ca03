package dev.incidentlifecycle.incidents.declaration;

import dev.incidentlifecycle.incidents.incident.IncidentState;
import dev.incidentlifecycle.incidents.incident.IncidentStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * The incident a new alert might join: the adapter looks up the most recently declared incident of the
 * alert's grouping key that is still open, and hands it over (or null when there is none).
 *
 * @param groupingKey the incident's grouping key ({@link DeclarationPolicy#groupingKey}); its service when declared by hand
 * @param lastAlertAt when its latest alert was attached; its declaration when it has none
 */
public record CandidateIncident(UUID incidentId, String groupingKey, IncidentStatus status, Instant declaredAt,
                                Instant lastAlertAt) {

    /** An incident whose grouping key is its service and whose last alert came with its declaration. */
    public CandidateIncident(UUID incidentId, String service, IncidentStatus status, Instant declaredAt) {
        this(incidentId, service, status, declaredAt, declaredAt);
    }

    public CandidateIncident {
        lastAlertAt = lastAlertAt == null || (declaredAt != null && lastAlertAt.isBefore(declaredAt)) ? declaredAt : lastAlertAt;
    }

    public static CandidateIncident of(IncidentState incident) {
        return new CandidateIncident(incident.id(), incident.groupingKey(), incident.status(), incident.declaredAt(),
                incident.lastAlertAt());
    }
}
