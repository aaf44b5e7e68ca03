package dev.incidentlifecycle.reviews.review.readmodel;

import dev.incidentlifecycle.eventstore.SqlRows;
import dev.incidentlifecycle.reviews.insights.ReviewInsights;
import dev.incidentlifecycle.reviews.review.ContributingFactor;
import dev.incidentlifecycle.reviews.review.ReviewOutcome;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The {@code review_factor} and {@code review_factor_tag} rows of one review: the contributing factors of its
 * published outcome, with the normalised description insights match recurring factors on, and their tags. Kept by {@link ReviewProjection}.
 */
final class PublishedFactors {

    private PublishedFactors() {
    }

    /** Replaces the review's rows with the factors of {@code outcome} (a review has at most 50). */
    static Uni<Void> replace(Mutiny.Session session, UUID reviewId, ReviewOutcome outcome) {
        Uni<Integer> deleted = session.createNativeQuery("delete from review_factor where review_id = :review")
                .setParameter("review", reviewId)
                .executeUpdate()
                .flatMap(d -> session.createNativeQuery("delete from review_factor_tag where review_id = :review")
                        .setParameter("review", reviewId)
                        .executeUpdate());
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
            return insert.executeUpdate().flatMap(i -> insertTags(session, reviewId, factors));
        });
    }

    private static Uni<Void> insertTags(Mutiny.Session session, UUID reviewId, List<ContributingFactor> factors) {
        List<String[]> tags = new ArrayList<>();
        for (ContributingFactor factor : factors) {
            for (String tag : factor.tags()) {
                tags.add(new String[]{factor.factorId().toString(), tag});
            }
        }
        if (tags.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // At most 50 factors of 10 tags: one statement.
        var insert = session.createNativeQuery("insert into review_factor_tag (review_id, factor_id, tag) values "
                + SqlRows.values(tags.size(), "cast(? as uuid)", "cast(? as uuid)", "cast(? as text)") + " on conflict do nothing");
        int p = 1;
        for (String[] tag : tags) {
            insert.setParameter(p++, reviewId.toString()).setParameter(p++, tag[0]).setParameter(p++, tag[1]);
        }
        return insert.executeUpdate().replaceWithVoid();
    }
}
