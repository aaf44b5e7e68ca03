package dev.incidentlifecycle.reviews.review.readmodel;

import dev.incidentlifecycle.reviews.review.ReviewStatus;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Which reviews a listing asks for; null or empty means "any".
 *
 * @param overdue  true: overdue and still open; false: not that
 * @param dueFrom  due at or after (inclusive)
 * @param dueTo    due before (exclusive)
 */
public record ReviewFilter(Set<ReviewStatus> statuses, Boolean overdue, UUID incidentId, String incidentNumber,
                           String facilitator, Instant dueFrom, Instant dueTo) {

    public ReviewFilter {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    }
}
