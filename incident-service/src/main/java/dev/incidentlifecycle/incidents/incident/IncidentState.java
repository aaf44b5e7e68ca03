package dev.incidentlifecycle.incidents.incident;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An incident as folded from its events (stream {@code incident-<uuid>}). Simple fields only, so it can
 * be stored as a snapshot. Before {@code incident.declared} it is {@link #NONE} (status null).
 *
 * @param responders          people who joined, in joining order
 * @param acknowledgedAt      when it was acknowledged (once), or null
 * @param mitigatedAt         when it was mitigated in its current response cycle; a reopening clears it
 * @param resolvedAt          when it was resolved in its current response cycle; a reopening clears it
 * @param impact              the customer-impact statement, or null
 * @param alertCount          how many alerts are attached (the alerts themselves are in the alert read model: an
 *                            incident of a 20,000-alert storm folds as fast as one of a single alert)
 * @param allAlertsResolvedAt when the "all alerts resolved" entry was recorded, until another alert is attached
 * @param notes               how many notes it has
 * @param reopenCount         how many times it was reopened
 * @param summary             what the incident is about, beyond its title (corrected by hand), or null
 * @param mergedInto          the incident it was merged into (status MERGED), or null
 * @param mergedIntoNumber    that incident's number, or null
 * @param groupingKey         what new alerts must share to join it (the declaration policy's grouping key of the alert
 *                            it was declared from; its service otherwise, and after a correction of its service)
 * @param lastAlertAt         when its latest alert was attached, or null: the grouping window slides from it
 */
public record IncidentState(
        UUID id,
        String number,
        String title,
        IncidentStatus status,
        IncidentSeverity severity,
        String service,
        DeclarationSource source,
        String declaredBy,
        String commander,
        String communicationsLead,
        String scribe,
        List<String> responders,
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
        Instant allAlertsResolvedAt,
        int notes,
        int reopenCount,
        String summary,
        UUID mergedInto,
        String mergedIntoNumber,
        String groupingKey,
        Instant lastAlertAt) {

    public static final IncidentState NONE = new IncidentState(null, null, null, null, null, null, null, null,
            null, null, null, List.of(), null, null, null, null, null, null, null, null, null, List.of(), 0,
            null, 0, 0, null, null, null, null, null);

    public IncidentState {
        responders = responders == null ? List.of() : List.copyOf(responders);
        links = links == null ? List.of() : List.copyOf(links);
        // States stored before grouping keys were (snapshots, the read model) group by their service.
        groupingKey = groupingKey == null ? service : groupingKey;
    }

    public boolean hasBeenDeclared() {
        return status != null;
    }

    /** Who holds the role, or null. */
    public String holderOf(IncidentRole role) {
        return switch (role) {
            case COMMANDER -> commander;
            case COMMUNICATIONS_LEAD -> communicationsLead;
            case SCRIBE -> scribe;
        };
    }

    /** Time to acknowledge, mitigate and resolve, from detection. */
    public ResponseTimes responseTimes() {
        return ResponseTimes.of(this);
    }
}
