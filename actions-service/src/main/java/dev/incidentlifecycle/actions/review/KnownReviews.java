package dev.incidentlifecycle.actions.review;

import dev.incidentlifecycle.actions.actionitem.ReviewOrigin;
import dev.incidentlifecycle.actions.actionitem.Severity;
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

    /** A review event named the review with its incident: remember it, or bring it up to date. */
    static Uni<Void> learn(Mutiny.Session session, ReviewOrigin review, Instant at) {
        return session.find(KnownReview.class, review.reviewId()).flatMap(known -> {
            if (known == null) {
                KnownReview row = new KnownReview();
                row.reviewId = review.reviewId();
                row.firstSeenAt = at;
                fill(row, review, at);
                return session.persist(row);
            }
            fill(known, review, at);
            return Uni.createFrom().voidItem();
        });
    }

    /** The incident's severity changed and review-service applied its policy again. */
    static Uni<Void> severityChanged(Mutiny.Session session, UUID reviewId, Severity severity, Instant at) {
        return session.find(KnownReview.class, reviewId).invoke(known -> {
            if (known != null) {
                known.severity = severity;
                known.updatedAt = at;
            }
        }).replaceWithVoid();
    }

    /** Cancelled or declined: it stays referenceable by its id. */
    static Uni<Void> closed(Mutiny.Session session, UUID reviewId, Instant at) {
        return session.find(KnownReview.class, reviewId).invoke(known -> {
            if (known != null) {
                known.closed = true;
                known.updatedAt = at;
            }
        }).replaceWithVoid();
    }

    /**
     * What an action item created by hand references: the review named (and, when the incident is named too, it
     * must be that review's), or else the incident's latest open review (its latest review when all are closed).
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
                .map(found -> {
                    if (found.isEmpty()) {
                        throw new StreamNotFound("no incident " + incidentId + " is known to actions-service: it learns of "
                                + "an incident from its review on review-events (ask review-service for one with POST /reviews)");
                    }
                    return found.get(0).asOrigin();
                });
    }

    private static void fill(KnownReview row, ReviewOrigin review, Instant at) {
        row.incidentId = review.incidentId();
        row.incidentNumber = review.incidentNumber();
        row.severity = review.severity();
        row.service = review.service();
        row.updatedAt = at;
    }
}
