package dev.incidentlifecycle.incidents.incident.api;

import dev.incidentlifecycle.incidents.incident.DeclarationSource;
import dev.incidentlifecycle.incidents.incident.IncidentLink;
import dev.incidentlifecycle.incidents.incident.IncidentSeverity;
import dev.incidentlifecycle.incidents.incident.IncidentState;
import dev.incidentlifecycle.incidents.incident.IncidentStatus;
import dev.incidentlifecycle.incidents.incident.ResponseTimes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An incident in JSON. Times are RFC 3339; response times are ISO-8601 durations measured from
 * {@code detectedAt}, null while that has not happened.
 *
 * @param mergedInto the incident it was merged into (status MERGED), or null
 * @param version    the stream version: the {@code ETag}, and what {@code If-Match} names
 */
public record IncidentView(
        UUID id,
        String number,
        String title,
        String summary,
        IncidentStatus status,
        IncidentSeverity severity,
        String service,
        String commander,
        String communicationsLead,
        String scribe,
        List<String> responders,
        DeclarationSource source,
        String declaredBy,
        Instant declaredAt,
        Instant detectedAt,
        Instant acknowledgedAt,
        String acknowledgedBy,
        Instant mitigatedAt,
        Instant resolvedAt,
        Instant closedAt,
        UUID reviewId,
        String impact,
        List<IncidentLink> links,
        int alertCount,
        int notes,
        int reopenCount,
        String timeToAcknowledge,
        String timeToMitigate,
        String timeToResolve,
        UUID mergedInto,
        String mergedIntoNumber,
        long version) {

    public static IncidentView of(IncidentState incident, long version) {
        ResponseTimes times = incident.responseTimes();
        return new IncidentView(incident.id(), incident.number(), incident.title(), incident.summary(), incident.status(),
                incident.severity(), incident.service(), incident.commander(), incident.communicationsLead(),
                incident.scribe(), incident.responders(), incident.source(), incident.declaredBy(),
                incident.declaredAt(), incident.detectedAt(), incident.acknowledgedAt(), incident.acknowledgedBy(),
                incident.mitigatedAt(), incident.resolvedAt(), incident.closedAt(), incident.reviewId(),
                incident.impact(), incident.links(), incident.alertCount(), incident.notes(),
                incident.reopenCount(), iso(times.timeToAcknowledge()), iso(times.timeToMitigate()),
                iso(times.timeToResolve()), incident.mergedInto(), incident.mergedIntoNumber(), version);
    }

    /** ISO-8601 ({@code PT12M}), whatever the REST mapper's settings for durations. */
    private static String iso(Duration duration) {
        return duration == null ? null : duration.toString();
    }
}
