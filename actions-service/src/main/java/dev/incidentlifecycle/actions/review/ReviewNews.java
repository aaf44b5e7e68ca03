package dev.incidentlifecycle.actions.review;

import dev.incidentlifecycle.actions.actionitem.ReviewOrigin;
import dev.incidentlifecycle.actions.actionitem.Severity;
import dev.incidentlifecycle.eventstore.consuming.IncomingMessage;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * What one review event tells about the review itself, for the copy of known reviews. The live consumer and the
 * replay of {@code review-events} read events into news and apply it the same way, so a replay rebuilds what the
 * consumer built.
 */
sealed interface ReviewNews {

    String SCHEDULED = "review.scheduled";
    String AWAITING_FACILITATOR = "review.awaiting-facilitator";
    String SEVERITY_CHANGED = "review.severity-changed";
    String CANCELLED = "review.cancelled";
    String DECLINED = "review.declined";
    /**
     * The review event types the copy is built from; every other type tells it nothing. Every review starts with
     * {@code review.scheduled} or {@code review.awaiting-facilitator}, which name its incident in full. Outcomes are
     * not read here: one can be refused whole (dead-lettered), and the copy must not depend on that.
     */
    Set<String> TYPES = Set.of(SCHEDULED, AWAITING_FACILITATOR, SEVERITY_CHANGED, CANCELLED, DECLINED);

    UUID reviewId();

    /**
     * The row after this news: {@code current} changed in place, or a new row for a review first heard of.
     *
     * @param current the row so far, or null when the review is not known yet
     * @param at      when the event happened (its CloudEvent time)
     * @return the row, or null when the news is about a review that stays unknown
     */
    KnownReview applyTo(KnownReview current, Instant at);

    /**
     * The news of a message of one of the {@link #TYPES}, version 1. A message without what its type must carry is
     * poison: the consumer dead-letters it, a replay skips it.
     */
    static ReviewNews read(IncomingMessage message) {
        String type = message.type();
        message.requireDataVersionUpTo(1);
        ReviewMention mention = message.as(ReviewMention.class);
        if (SEVERITY_CHANGED.equals(type)) {
            return new SeverityChanged(mention.requireReviewId(type), mention.requireSeverity(type));
        }
        if (CANCELLED.equals(type) || DECLINED.equals(type)) {
            return new Closed(mention.requireReviewId(type));
        }
        if (SCHEDULED.equals(type) || AWAITING_FACILITATOR.equals(type)) {
            return new Learned(mention.toCreatedReview(type));
        }
        throw new IllegalArgumentException("no news of the review in " + type);
    }

    /** The review, with its incident, as its first event names it in full: remembered (again: brought up to date). */
    record Learned(ReviewOrigin review) implements ReviewNews {
        @Override
        public UUID reviewId() {
            return review.reviewId();
        }

        @Override
        public KnownReview applyTo(KnownReview current, Instant at) {
            KnownReview row = current;
            if (row == null) {
                row = new KnownReview();
                row.reviewId = review.reviewId();
                row.firstSeenAt = at;
            }
            row.incidentId = review.incidentId();
            row.incidentNumber = review.incidentNumber();
            row.severity = review.severity();
            row.service = review.service();
            row.updatedAt = at;
            return row;
        }
    }

    /** The incident was re-rated and review-service applied its policy again. */
    record SeverityChanged(UUID reviewId, Severity severity) implements ReviewNews {
        @Override
        public KnownReview applyTo(KnownReview current, Instant at) {
            if (current != null) {
                current.severity = severity;
                current.updatedAt = at;
            }
            return current;
        }
    }

    /** Cancelled or declined: still referenceable by its id. */
    record Closed(UUID reviewId) implements ReviewNews {
        @Override
        public KnownReview applyTo(KnownReview current, Instant at) {
            if (current != null) {
                current.closed = true;
                current.updatedAt = at;
            }
            return current;
        }
    }
}
