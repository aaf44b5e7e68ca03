package dev.incidentlifecycle.reviews.review;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An earlier published review of another incident on the same service that named a contributing factor of the same
 * category and tag as the review being published: the condition came back, and the earlier review's completed action
 * items did not keep it away. Found by the adapter when a review is published ({@code review.recurrence-found}).
 *
 * @param shared                 the (category, tag) pairs both name, at most {@link #MAX_SHARED}
 * @param completedActionItemIds the earlier review's action items reported DONE
 */
public record Recurrence(UUID earlierReviewId, UUID earlierIncidentId, List<FactorTag> shared,
                         List<UUID> completedActionItemIds) {

    /** A review's {@code review.recurrence-found} names at most this many earlier reviews, the latest. */
    public static final int MAX_EARLIER_REVIEWS = 20;
    /** Each names at most this many shared (category, tag) pairs. */
    public static final int MAX_SHARED = 20;

    /** A category with one of its factor's tags. */
    public record FactorTag(FactorCategory category, String tag) {
        public FactorTag {
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(tag, "tag");
        }
    }

    public Recurrence {
        Objects.requireNonNull(earlierReviewId, "earlierReviewId");
        Objects.requireNonNull(earlierIncidentId, "earlierIncidentId");
        shared = List.copyOf(shared.size() > MAX_SHARED ? shared.subList(0, MAX_SHARED) : shared);
        completedActionItemIds = List.copyOf(completedActionItemIds);
    }
}
