package dev.incidentlifecycle.reviews.review.readmodel;

import dev.incidentlifecycle.reviews.review.FactorCategory;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An earlier published review of another incident on the same service that named a contributing factor of the same
 * category and tag: the same conditions came back. Its completed action items are the ones that recurred.
 *
 * @param shared                 the (category, tag) pairs both reviews name
 * @param completedActionItemIds its action items actions-service reported DONE, in id order
 */
public record RelatedReview(UUID reviewId, UUID incidentId, String incidentNumber, String title, String service,
                            Instant publishedAt, List<Shared> shared, List<UUID> completedActionItemIds) {

    /** A category and tag both reviews' factors carry. */
    public record Shared(FactorCategory category, String tag) {
    }
}
