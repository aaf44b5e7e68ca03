package dev.incidentlifecycle.actions.review;

import dev.incidentlifecycle.actions.actionitem.ReviewOrigin;
import dev.incidentlifecycle.actions.actionitem.Severity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A review this service heard of on {@code review-events}, with its incident: what an action item created by hand
 * may reference. Written only by {@link KnownReviews}, from the topic (times are the events' own), so replaying the
 * topic rebuilds the same rows.
 */
@Entity
@Table(name = "known_review")
public class KnownReview {

    @Id
    @Column(name = "review_id")
    public UUID reviewId;
    @Column(name = "incident_id")
    public UUID incidentId;
    @Column(name = "incident_number")
    public String incidentNumber;
    @Enumerated(EnumType.STRING)
    @Column(name = "severity")
    public Severity severity;
    @Column(name = "service")
    public String service;
    /** Cancelled or declined. */
    @Column(name = "closed")
    public boolean closed;
    @Column(name = "first_seen_at")
    public Instant firstSeenAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The review and its incident, as an action item references them. */
    public ReviewOrigin asOrigin() {
        return new ReviewOrigin(reviewId, incidentId, incidentNumber, severity, service);
    }
}
