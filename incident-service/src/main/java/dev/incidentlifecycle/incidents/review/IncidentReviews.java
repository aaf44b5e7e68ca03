package dev.incidentlifecycle.incidents.review;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The {@code incident_review} table: each incident's review as review-service described it (see
 * V4__incident_review_and_closing.sql). Written by {@link ReviewEvents}, read to refuse an early close by hand.
 */
@ApplicationScoped
public class IncidentReviews {

    /** A review was scheduled: it is the incident's review from now on, unless an older message arrives late. */
    Uni<Void> scheduled(Mutiny.Session session, UUID incidentId, UUID reviewId, String requirement, Instant at) {
        return session.createNativeQuery("""
                        insert into incident_review (incident_id, review_id, requirement, status, occurred_at)
                        values (:incident, :review, :requirement, 'OPEN', :at)
                        on conflict (incident_id) do update
                           set review_id = excluded.review_id, requirement = excluded.requirement, status = 'OPEN',
                               occurred_at = excluded.occurred_at
                         where incident_review.occurred_at <= excluded.occurred_at""")
                .setParameter("incident", incidentId)
                .setParameter("review", reviewId)
                .setParameter("requirement", requirement)
                .setParameter("at", at)
                .executeUpdate()
                .replaceWithVoid();
    }

    /** The review ended (declined, cancelled, followed up): only the review the row names changes it. */
    Uni<Void> ended(Mutiny.Session session, UUID incidentId, UUID reviewId, ReviewStatus status) {
        return session.createNativeQuery("update incident_review set status = :status where incident_id = :incident and review_id = :review")
                .setParameter("status", status.name())
                .setParameter("incident", incidentId)
                .setParameter("review", reviewId)
                .executeUpdate()
                .replaceWithVoid();
    }

    /** The incident's REQUIRED review that is still open, or null. */
    public Uni<UUID> openRequiredReview(Mutiny.Session session, UUID incidentId) {
        return session.createNativeQuery("select review_id from incident_review where incident_id = :incident"
                        + " and requirement = 'REQUIRED' and status = 'OPEN'", UUID.class)
                .setParameter("incident", incidentId)
                .getResultList()
                .map(found -> found.isEmpty() ? null : found.get(0));
    }

    /**
     * Resolved incidents that may close without waiting for a review, resolved at or before {@code resolvedBy}: their
     * review was declined or cancelled, or they have none and their severity needs none. At most {@code limit}, oldest
     * resolution first.
     */
    Uni<List<Closable>> closableWithoutReview(Mutiny.Session session, Instant resolvedBy, List<String> severitiesWithoutReview,
                                              int limit) {
        return session.createNativeQuery("""
                        select i.id, r.review_id, coalesce(r.status, 'NONE')
                          from incident i left join incident_review r on r.incident_id = i.id
                         where i.status = 'RESOLVED' and i.resolved_at <= :by
                           and (r.status in ('DECLINED', 'CANCELLED') or (r.incident_id is null and i.severity in (:none)))
                         order by i.resolved_at
                         limit :limit""", Object[].class)
                .setParameter("by", resolvedBy)
                .setParameter("none", severitiesWithoutReview.isEmpty() ? List.of("-") : severitiesWithoutReview)
                .setParameter("limit", limit)
                .getResultList()
                .map(rows -> rows.stream().map(row -> new Closable((UUID) row[0], (UUID) row[1], (String) row[2])).toList());
    }

    /** @param reviewStatus DECLINED, CANCELLED, or NONE when the incident has no review */
    record Closable(UUID incidentId, UUID reviewId, String reviewStatus) {
    }
}
