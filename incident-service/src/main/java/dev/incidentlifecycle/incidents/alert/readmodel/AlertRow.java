package dev.incidentlifecycle.incidents.alert.readmodel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One alert as the {@code alert} read model holds it (see V2__incidents_and_alerts.sql). */
@Entity
@Table(name = "alert")
public class AlertRow {

    @Id
    @Column(name = "alert_id")
    public UUID alertId;
    @Column(name = "dedup_key")
    public String dedupKey;
    public String status;
    public String severity;
    public String summary;
    public String source;
    public String service;
    public String component;
    @Column(name = "alert_group")
    public String group;
    @Column(name = "alert_class")
    public String alertClass;
    public String client;
    @Column(name = "client_url")
    public String clientUrl;
    /** custom_details as JSON. */
    public String details;
    /** links as JSON. */
    public String links;
    public long occurrences;
    @Column(name = "incident_id")
    public UUID incidentId;
    @Column(name = "triggered_at")
    public Instant triggeredAt;
    @Column(name = "received_at")
    public Instant receivedAt;
    @Column(name = "last_trigger_at")
    public Instant lastTriggerAt;
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @jakarta.persistence.Column(name = "grouped_by")
    public String groupedBy;
    public long version;
}
