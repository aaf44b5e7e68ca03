package dev.incidentlifecycle.reviews.review;

import dev.incidentlifecycle.reviews.policy.Severity;

import java.util.UUID;

/**
 * The incident a review is about, as far as the review needs it.
 *
 * @param incidentNumber the human-friendly number, like {@code INC-42}
 */
public record ReviewedIncident(UUID incidentId, String incidentNumber, Severity severity, String service,
                               String title) {

    public ReviewedIncident withSeverity(Severity newSeverity) {
        return new ReviewedIncident(incidentId, incidentNumber, newSeverity, service, title);
    }
}
