package dev.incidentlifecycle.actions.review;

import dev.incidentlifecycle.actions.actionitem.ReviewOrigin;
import dev.incidentlifecycle.actions.incident.KnownIncidents;
import dev.incidentlifecycle.eventsourcing.InvalidCommand;
import dev.incidentlifecycle.eventstore.StreamNotFound;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.UUID;

/**
 * The reviews (and through them the incidents) this service knows: learned from {@code review-events} in the
 * consumer's transaction, and looked up when someone creates an action item by hand. An incident is known once
 * review-service has created a review for it (by policy when it is resolved, or by hand with {@code POST /reviews}):
 * every action item, and every action-item event, names a review.
 */
public final class KnownReviews {

    private KnownReviews() {
    }

    /** Applies what a review event tells about its review to the copy, in the consumer's transaction. */
    static Uni<Void> apply(Mutiny.Session session, ReviewNews news, Instant at) {
        return session.find(KnownReview.class, news.reviewId()).flatMap(known -> {
            KnownReview after = news.applyTo(known, at);
            return known == null && after != null ? session.persist(after) : Uni.createFrom().voidItem();
        });
    }

    /**
     * What an action item created by hand references: the review named (and, when the incident is named too, it
     * must be that review's), or else the incident's latest open review (its latest review when all are closed), or
     * else, for an incident with no review, the incident alone ({@link ReviewOrigin#withoutReview}, its severity now).
     *
     * @throws StreamNotFound  (404) for a review or incident this service has not heard of
     * @throws InvalidCommand (400) when neither is named, or the review is about another incident
     */
    public static Uni<ReviewOrigin> reference(Mutiny.Session session, UUID reviewId, UUID incidentId) {
        if (reviewId != null) {
            return session.find(KnownReview.class, reviewId).map(known -> {
                if (known == null) {
                    throw new StreamNotFound("no review " + reviewId + " is known to actions-service");
                }
                if (incidentId != null && !incidentId.equals(known.incidentId)) {
                    throw new InvalidCommand("incidentId", "review " + reviewId + " is about incident " + known.incidentId
                            + ", not " + incidentId);
                }
                return known.asOrigin();
            });
        }
        if (incidentId == null) {
            return Uni.createFrom().failure(new InvalidCommand("reviewId",
                    "name the review (reviewId) or the incident (incidentId) the action item is for"));
        }
        return session.createSelectionQuery("from KnownReview k where k.incidentId = :incident "
                        + "order by k.closed asc, k.firstSeenAt desc, k.reviewId asc", KnownReview.class)
                .setParameter("incident", incidentId)
                .setMaxResults(1)
                .getResultList()
                .flatMap(found -> found.isEmpty() ? KnownIncidents.withoutReview(session, incidentId)
                        : Uni.createFrom().item(found.get(0).asOrigin()));
    }
}
