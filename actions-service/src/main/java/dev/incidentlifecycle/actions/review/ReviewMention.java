package dev.incidentlifecycle.actions.review;

import dev.incidentlifecycle.actions.actionitem.ReviewOrigin;
import dev.incidentlifecycle.actions.actionitem.Severity;
import dev.incidentlifecycle.eventstore.consuming.PoisonMessage;

import java.util.UUID;

/**
 * The part of a review event other than an outcome that this service reads: which review, about which incident,
 * of what severity ({@code review.scheduled}, {@code review.awaiting-facilitator}, {@code review.severity-changed},
 * {@code review.cancelled}, {@code review.declined}). Each type carries what it needs of these; the rest is ignored.
 */
record ReviewMention(UUID reviewId, UUID incidentId, String incidentNumber, Severity severity, String service) {

    /** A review created (scheduled, or waiting for a facilitator): it names the incident in full. */
    ReviewOrigin toCreatedReview(String type) {
        require(reviewId != null, type, "reviewId");
        require(incidentId != null, type, "incidentId");
        require(severity != null, type, "severity");
        return new ReviewOrigin(reviewId, incidentId, incidentNumber, severity, service);
    }

    UUID requireReviewId(String type) {
        require(reviewId != null, type, "reviewId");
        return reviewId;
    }

    Severity requireSeverity(String type) {
        require(severity != null, type, "severity");
        return severity;
    }

    private static void require(boolean present, String type, String field) {
        if (!present) {
            throw new PoisonMessage(type + " without " + field);
        }
    }
}
