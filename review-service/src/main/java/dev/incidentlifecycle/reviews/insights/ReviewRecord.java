package dev.incidentlifecycle.reviews.insights;

import dev.incidentlifecycle.reviews.review.FactorCategory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One review as the insights need it; the adapter builds these from its read model. Leave out reviews
 * that were cancelled or declined: they were never meant to be published.
 *
 * @param publishedAt null while unpublished
 * @param contributingFactors the factors of the published outcome (empty while unpublished)
 */
public record ReviewRecord(UUID reviewId, UUID incidentId, Instant dueAt, Instant publishedAt,
                           List<Factor> contributingFactors) {

    /** One contributing factor of a published review. */
    public record Factor(FactorCategory category, String description) {
        public Factor {
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(description, "description");
        }
    }

    public ReviewRecord {
        Objects.requireNonNull(reviewId, "reviewId");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(dueAt, "dueAt");
        contributingFactors = List.copyOf(contributingFactors);
    }

    public boolean isPublished() {
        return publishedAt != null;
    }
}
