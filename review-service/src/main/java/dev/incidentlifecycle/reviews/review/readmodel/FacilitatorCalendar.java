package dev.incidentlifecycle.reviews.review.readmodel;

import dev.incidentlifecycle.reviews.review.ReviewStatus;
import dev.incidentlifecycle.reviews.schedule.FacilitatorBooking;
import dev.incidentlifecycle.reviews.schedule.MeetingSlot;
import dev.incidentlifecycle.reviews.schedule.RotationState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The facilitators' bookings and the rotation's standing, read from the reviews read model inside the
 * transaction that books a meeting. Callers hold the {@link #LOCK} first: two bookings decided at once could
 * otherwise both take the same free slot.
 */
@ApplicationScoped
public class FacilitatorCalendar {

    /** The advisory lock every transaction that books or moves a review meeting takes. */
    public static final String LOCK = "facilitators";

    /** Meetings in these states hold their slot (one on hold may move, but keeps it until it does). */
    static final List<ReviewStatus> HOLDING_A_SLOT = List.of(ReviewStatus.SCHEDULED, ReviewStatus.ON_HOLD,
            ReviewStatus.IN_REVIEW);

    /** Every meeting still held that ends after {@code from}. */
    public Uni<List<FacilitatorBooking>> bookings(Mutiny.Session session, Instant from) {
        return session.createSelectionQuery("from ReviewRow r where r.status in (:holding) and r.scheduledEnd > :from",
                        ReviewRow.class)
                .setParameter("holding", HOLDING_A_SLOT)
                .setParameter("from", from)
                .getResultList()
                .map(rows -> rows.stream()
                        .map(r -> new FacilitatorBooking(r.facilitator, r.id, new MeetingSlot(r.scheduledStart, r.scheduledEnd)))
                        .toList());
    }

    /**
     * How often each facilitator was picked (every review ever scheduled counts: a cancelled review still took
     * its turn) and who was picked last.
     */
    public Uni<RotationState> rotation(Mutiny.Session session) {
        Uni<Map<String, Integer>> picks = session.createSelectionQuery(
                        "select r.facilitator, count(r) from ReviewRow r where r.facilitator is not null group by r.facilitator", Object[].class)
                .getResultList()
                .map(rows -> {
                    Map<String, Integer> counts = new HashMap<>();
                    rows.forEach(row -> counts.put((String) row[0], ((Number) row[1]).intValue()));
                    return counts;
                });
        Uni<String> last = session.createNativeQuery(
                        "select facilitator from review where facilitator is not null order by scheduled_order desc limit 1", String.class)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
        return picks.flatMap(counts -> last.map(lastPicked -> new RotationState(lastPicked, counts)));
    }
}
