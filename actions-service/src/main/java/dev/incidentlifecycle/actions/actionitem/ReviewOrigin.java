package dev.incidentlifecycle.actions.actionitem;

import java.util.UUID;

/**
 * The review and incident an action item came from, as the review outcome ({@code review.published},
 * {@code review.amended}) states them; for an item created by hand, the review and incident it references.
 *
 * @param reviewId       the review; null only for an item created by hand for an incident that has no review
 *                       (see {@link #withoutReview})
 * @param incidentNumber the human-friendly number, like {@code INC-42}; may be null
 * @param service        the service the incident affected; may be null
 */
public record ReviewOrigin(UUID reviewId, UUID incidentId, String incidentNumber, Severity severity, String service) {

    /**
     * An incident alone, for an item created by hand when the incident has no review (its policy asks for none, or
     * the review is not scheduled yet): the incident's own severity sets the SLA, and the item stays without a review.
     */
    public static ReviewOrigin withoutReview(UUID incidentId, String incidentNumber, Severity severity, String service) {
        return new ReviewOrigin(null, incidentId, incidentNumber, severity, service);
    }
}
