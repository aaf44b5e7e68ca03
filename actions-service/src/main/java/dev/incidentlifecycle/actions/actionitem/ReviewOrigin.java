package dev.incidentlifecycle.actions.actionitem;

import java.util.UUID;

/**
 * The review and incident an action item came from, as the review outcome ({@code review.published},
 * {@code review.amended}) states them.
 *
 * @param incidentNumber the human-friendly number, like {@code INC-42}; may be null
 * @param service        the service the incident affected; may be null
 */
public record ReviewOrigin(UUID reviewId, UUID incidentId, String incidentNumber, Severity severity, String service) {
}
