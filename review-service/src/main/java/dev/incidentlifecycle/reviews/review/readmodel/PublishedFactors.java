package dev.incidentlifecycle.reviews.review.readmodel;

import dev.incidentlifecycle.eventstore.SqlRows;
import dev.incidentlifecycle.reviews.insights.ReviewInsights;
import dev.incidentlifecycle.reviews.review.ContributingFactor;
import dev.incidentlifecycle.reviews.review.ReviewOutcome;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;
import java.util.UUID;

/**
 * The {@code review_factor} rows of one review: the contributing factors of its published outcome, with the
 * normalised description insights match recurring factors on. Kept by {@link ReviewProjection}.
 */
final class PublishedFactors {

    private PublishedFactors() {
    }

    /** Replaces the review's rows with the factors of {@code outcome} (a review has at most 50). */
    static Uni<Void> replace(Mutiny.Session session, UUID reviewId, ReviewOutcome outcome) {
        Uni<Integer> deleted = session.createNativeQuery("delete from review_factor where review_id = :review")
                .setParameter("review", reviewId)
                .executeUpdate();
        List<ContributingFactor> factors = outcome.contributingFactors();
        if (factors.isEmpty()) {
            return deleted.replaceWithVoid();
        }
        return deleted.flatMap(d -> {
            var insert = session.createNativeQuery(
                    "insert into review_factor (review_id, factor_id, incident_id, category, description, normalised) values "
                            + SqlRows.values(factors.size(), "cast(? as uuid)", "cast(? as uuid)", "cast(? as uuid)",
                            "cast(? as text)", "cast(? as text)", "cast(? as text)"));
            int p = 1;
            for (ContributingFactor factor : factors) {
                insert.setParameter(p++, reviewId.toString())
                        .setParameter(p++, factor.factorId().toString())
                        .setParameter(p++, outcome.incidentId().toString())
                        .setParameter(p++, factor.category().name())
                        .setParameter(p++, factor.description())
                        .setParameter(p++, ReviewInsights.normalise(factor.description()));
            }
            return insert.executeUpdate().replaceWithVoid();
        });
    }
}
