package dev.incidentlifecycle.incidents.stats;

import dev.incidentlifecycle.incidents.incident.IncidentSeverity;
import dev.incidentlifecycle.incidents.incident.IncidentState;
import dev.incidentlifecycle.incidents.incident.ResponseTimes;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One incident's response times, as a read model row holds them. Durations are null when that has not
 * happened (yet).
 *
 * @param service the affected service, or null
 */
public record ResponseTimeRow(UUID incidentId, String service, IncidentSeverity severity, Instant declaredAt,
                              Duration timeToAcknowledge, Duration timeToMitigate, Duration timeToResolve) {

    public static ResponseTimeRow of(IncidentState incident) {
        ResponseTimes times = incident.responseTimes();
        return new ResponseTimeRow(incident.id(), incident.service(), incident.severity(), incident.declaredAt(),
                times.timeToAcknowledge(), times.timeToMitigate(), times.timeToResolve());
    }
}
