package dev.incidentlifecycle.reviews.incident;

import dev.incidentlifecycle.reviews.policy.Severity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An incident as review-service knows it from {@code incident-events}; written only by {@link IncidentEvents} and its replay ({@link IncidentCopies}). */
@Entity
@Table(name = "incident")
public class IncidentRow {

    @Id
    public UUID id;
    @Column(name = "incident_number")
    public String number;
    @Column(name = "title")
    public String title;
    @Enumerated(EnumType.STRING)
    @Column(name = "severity")
    public Severity severity;
    @Column(name = "service")
    public String service;
    /** OPEN, ACKNOWLEDGED, MITIGATED, RESOLVED or CLOSED, as far as the events told. */
    @Column(name = "status")
    public String status;
    @Column(name = "commander")
    public String commander;
    /** JSON array: responders, former commanders and other role holders, in joining order. */
    @Column(name = "responders")
    public String responders;
    @Column(name = "impact")
    public String impact;
    /** The summary incident.edited last gave; null when none. */
    @Column(name = "summary")
    public String summary;
    /** The incident's notes, oldest first, one a line: the first {@link IncidentNews#NOTES_SEARCHED} characters. */
    @Column(name = "notes")
    public String notes;
    @Column(name = "declared_at")
    public Instant declaredAt;
    @Column(name = "detected_at")
    public Instant detectedAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    @Column(name = "review_id")
    public UUID reviewId;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
