package dev.incidentlifecycle.reviews.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * What the policy asks of one incident's review: whether one is needed, and by when.
 *
 * @param resolvedAt when the incident was resolved (the due date counts from it)
 * @param dueAt      end of business hours on the due day; null when the requirement is NONE
 */
public record ReviewTerms(Severity severity, ReviewRequirement requirement, Instant resolvedAt, Instant dueAt) {

    public ReviewTerms {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(requirement, "requirement");
        if (requirement.reviewNeeded() && dueAt == null) {
            throw new IllegalArgumentException("a " + requirement + " review needs a due instant");
        }
        if (!requirement.reviewNeeded()) {
            dueAt = null;
        }
    }

    public boolean reviewNeeded() {
        return requirement.reviewNeeded();
    }
}
