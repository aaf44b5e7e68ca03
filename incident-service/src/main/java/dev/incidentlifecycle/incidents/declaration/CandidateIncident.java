package dev.incidentlifecycle.incidents.declaration;

import dev.incidentlifecycle.incidents.incident.IncidentState;
import dev.incidentlifecycle.incidents.incident.IncidentStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * The incident a new alert might join: the adapter looks up the most recently declared incident of the
 * alert's service that is still open, and hands it over (or null when there is none).
 */
public record CandidateIncident(UUID incidentId, String service, IncidentStatus status, Instant declaredAt) {

    public static CandidateIncident of(IncidentState incident) {
        return new CandidateIncident(incident.id(), incident.service(), incident.status(), incident.declaredAt());
    }
}
