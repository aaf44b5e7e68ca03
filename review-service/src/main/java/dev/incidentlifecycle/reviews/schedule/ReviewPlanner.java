package dev.incidentlifecycle.reviews.schedule;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Plans a review meeting: a facilitator from the rotation and a slot in their calendar. A pure
 * function of the rotation state and the existing bookings; the adapter stores the chosen plan's
 * {@link ReviewPlan#nextRotation()} when it schedules the review.
 *
 * <p>Candidates are tried fairest first ({@link FacilitatorRotation#candidates}); the first whose
 * calendar has a slot before the due instant wins. If nobody has one, the candidate with the earliest
 * late slot wins (ties: the fairer one), and the plan is flagged {@link ReviewPlan#afterDue()}. A
 * facilitator is never double-booked: their slot overlaps none of their bookings.
 */
public final class ReviewPlanner {

    private final FacilitatorRotation rotation;
    private final MeetingSlotFinder slots;

    public ReviewPlanner(FacilitatorRotation rotation, MeetingSlotFinder slots) {
        this.rotation = Objects.requireNonNull(rotation, "rotation");
        this.slots = Objects.requireNonNull(slots, "slots");
    }

    /**
     * @param addedByHand participants beyond the commander and responders (may be empty)
     * @return empty when no facilitator may run this review (all are in the incident, or none is free
     *         within the search horizon)
     */
    public Optional<ReviewPlan> plan(RotationState state, IncidentPeople incident, Collection<String> addedByHand,
                                     Instant resolvedAt, Instant dueAt, Collection<FacilitatorBooking> bookings) {
        List<String> participants = incident.participantsWith(addedByHand);
        String lateFacilitator = null;
        SlotProposal lateSlot = null;
        for (String facilitator : rotation.candidates(state, incident)) {
            Optional<SlotProposal> proposal = slots.find(resolvedAt, dueAt, busy(facilitator, null, bookings));
            if (proposal.isEmpty()) {
                continue;
            }
            SlotProposal slot = proposal.get();
            if (!slot.afterDue()) {
                return Optional.of(plan(facilitator, slot, participants, state));
            }
            if (lateSlot == null || slot.slot().start().isBefore(lateSlot.slot().start())) {
                lateFacilitator = facilitator;
                lateSlot = slot;
            }
        }
        return lateSlot == null
                ? Optional.empty()
                : Optional.of(plan(lateFacilitator, lateSlot, participants, state));
    }

    /**
     * A new slot for a review that keeps its facilitator (after the incident was resolved again, say).
     * The review's own current booking is ignored.
     */
    public Optional<SlotProposal> reschedule(UUID reviewId, String facilitator, Instant resolvedAt, Instant dueAt,
                                             Collection<FacilitatorBooking> bookings) {
        return slots.find(resolvedAt, dueAt, busy(facilitator, reviewId, bookings));
    }

    private static List<MeetingSlot> busy(String facilitator, UUID exceptReview,
                                          Collection<FacilitatorBooking> bookings) {
        String key = IncidentPeople.identity(facilitator);
        return bookings.stream()
                .filter(booking -> IncidentPeople.identity(booking.facilitator()).equals(key))
                .filter(booking -> exceptReview == null || !exceptReview.equals(booking.reviewId()))
                .map(FacilitatorBooking::slot)
                .toList();
    }

    private static ReviewPlan plan(String facilitator, SlotProposal slot, List<String> participants,
                                   RotationState state) {
        return new ReviewPlan(facilitator, slot.slot(), slot.afterDue(), slot.shortNotice(), participants,
                state.after(facilitator));
    }
}
