package dev.incidentlifecycle.incidents.incident;

import java.time.Duration;
import java.time.Instant;

/**
 * How long an incident took to be acknowledged, mitigated and resolved, each measured from its
 * detection ({@code detectedAt}); null while that has not happened.
 *
 * <p>An incident resolved without a separate mitigation counts its resolution as its mitigation (it
 * stopped hurting no later than that). After a reopening, mitigation and resolution are those of the
 * latest response cycle: the ones that held.
 */
public record ResponseTimes(Duration timeToAcknowledge, Duration timeToMitigate, Duration timeToResolve) {

    public static ResponseTimes of(IncidentState incident) {
        Instant mitigated = incident.mitigatedAt() != null ? incident.mitigatedAt() : incident.resolvedAt();
        return new ResponseTimes(
                since(incident.detectedAt(), incident.acknowledgedAt()),
                since(incident.detectedAt(), mitigated),
                since(incident.detectedAt(), incident.resolvedAt()));
    }

    private static Duration since(Instant detectedAt, Instant at) {
        return detectedAt == null || at == null ? null : Duration.between(detectedAt, at);
    }
}
