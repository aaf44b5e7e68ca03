package dev.incidentlifecycle.reviews.review.readmodel;

import dev.incidentlifecycle.reviews.policy.ReviewRequirement;
import dev.incidentlifecycle.reviews.policy.Severity;
import dev.incidentlifecycle.reviews.review.ReviewStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One review as people list and read it; written only by {@link ReviewProjection}. */
@Entity
@Table(name = "review")
public class ReviewRow {

    @Id
    public UUID id;
    @Column(name = "incident_id")
    public UUID incidentId;
    @Column(name = "incident_number")
    public String incidentNumber;
    @Column(name = "title")
    public String title;
    @Column(name = "service")
    public String service;
    @Enumerated(EnumType.STRING)
    @Column(name = "severity")
    public Severity severity;
    @Enumerated(EnumType.STRING)
    @Column(name = "requirement")
    public ReviewRequirement requirement;
    @Enumerated(EnumType.STRING)
    @Column(name = "status")
    public ReviewStatus status;
    @Column(name = "due_at")
    public Instant dueAt;
    @Column(name = "overdue")
    public boolean overdue;
    @Column(name = "facilitator")
    public String facilitator;
    /** JSON array of identifiers. */
    @Column(name = "participants")
    public String participants;
    @Column(name = "scheduled_start")
    public Instant scheduledStart;
    @Column(name = "scheduled_end")
    public Instant scheduledEnd;
    @Column(name = "sequence")
    public int sequence;
    @Column(name = "open_findings")
    public int openFindings;
    /** JSON array of {@link FindingView}s. */
    @Column(name = "findings")
    public String findings;
    @Column(name = "published_at")
    public Instant publishedAt;
    @Column(name = "amendments")
    public int amendments;
    @Column(name = "follow_up_completed")
    public boolean followUpCompleted;
    /** The folded {@code ReviewState} as JSON. */
    @Column(name = "state")
    public String state;
    @Column(name = "version")
    public long version;
    /** The working document's text, as search reads it (one line per factor or action item). */
    @Column(name = "summary")
    public String summary;
    @Column(name = "factor_text")
    public String factorText;
    @Column(name = "action_item_text")
    public String actionItemText;
    /** Impact, what went well, where we got lucky, open questions. */
    @Column(name = "other_text")
    public String otherText;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
