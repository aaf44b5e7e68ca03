package dev.incidentlifecycle.incidents.incident.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.incidents.incident.IncidentState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One incident as the {@code incident} read model holds it (see V2__incidents_and_alerts.sql). */
@Entity
@Table(name = "incident")
public class IncidentRow {

    @Id
    public UUID id;
    public String number;
    public String title;
    public String status;
    public String severity;
    public String service;
    public String commander;
    public String source;
    @Column(name = "declared_at")
    public Instant declaredAt;
    @Column(name = "detected_at")
    public Instant detectedAt;
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;
    @Column(name = "mitigated_at")
    public Instant mitigatedAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    @Column(name = "grouping_key")
    public String groupingKey;
    @Column(name = "last_alert_at")
    public Instant lastAlertAt;
    @Column(name = "time_to_acknowledge_ms")
    public Long timeToAcknowledgeMillis;
    @Column(name = "time_to_mitigate_ms")
    public Long timeToMitigateMillis;
    @Column(name = "time_to_resolve_ms")
    public Long timeToResolveMillis;
    /** The folded {@link IncidentState} as JSON. */
    public String state;
    public long version;

    public IncidentState incident() {
        try {
            return EventJson.mapper().readValue(state, IncidentState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the incidents read model holds an unreadable state for " + id
                    + "; rebuild it: " + e.getOriginalMessage(), e);
        }
    }
}
