package dev.incidentlifecycle.reviews.review;

import java.util.Objects;
import java.util.UUID;

/** One of the conditions that together made the incident possible. */
public record ContributingFactor(UUID factorId, FactorCategory category, String description) {

    public ContributingFactor {
        Objects.requireNonNull(factorId, "factorId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(description, "description");
    }
}
