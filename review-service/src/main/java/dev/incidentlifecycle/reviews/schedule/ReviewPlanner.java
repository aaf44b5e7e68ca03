package dev.incidentlifecycle.reviews.schedule;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Plans a review meeting: a facilitator from the rotation and a slot in their calendar. A pure
 * function of the rotation state and the existing bookings; the adapter stores the chosen plan's
 * {@link ReviewPlan#nextRotation()} when it schedules the review.
 *
 * <p>Each facilitator's slots are searched in their own calendar from the {@link FacilitatorDirectory} (zone,
 * working days and hours, holidays); someone named who is not in the directory gets the organisation's calendar
 * (the one of the {@link MeetingSlotFinder} given).
 *
 * <p>Candidates are tried in the rotation's order ({@link FacilitatorRotation#candidates}: those of a team
 * related to the incident's service first, each group fairest first); the first whose calendar has a slot
 * before the due instant wins. If nobody has one, the candidate with the earliest
 * late slot wins (ties: the fairer one), and the plan is flagged {@link ReviewPlan#afterDue()}. A
 * facilitator is never double-booked: their slot overlaps none of their bookings.
 */
public final class ReviewPlanner {

    private final FacilitatorDirectory directory;
    private final FacilitatorRotation rotation;
    private final MeetingSlotFinder slots;
    private final Map<String, MeetingSlotFinder> slotsOfFacilitators;

    /**
     * @param slots the meeting length, grid and horizon, in the organisation's calendar
     * @throws IllegalArgumentException when a meeting does not fit in some facilitator's working hours
     */
    public ReviewPlanner(FacilitatorDirectory directory, MeetingSlotFinder slots) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.rotation = new FacilitatorRotation(directory.ids());
        this.slots = Objects.requireNonNull(slots, "slots");
        Map<String, MeetingSlotFinder> ownSlots = new HashMap<>();
        for (Facilitator facilitator : directory.facilitators()) {
            try {
                ownSlots.put(IncidentPeople.identity(facilitator.id()), slots.in(facilitator.hours()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("facilitator " + facilitator.id() + ": " + e.getMessage(), e);
            }
        }
        this.slotsOfFacilitators = Map.copyOf(ownSlots);
    }

    public FacilitatorDirectory directory() {
        return directory;
    }

    /**
     * @param service     the incident's service: facilitators of a team related to it go first
     * @param addedByHand participants beyond the commander and responders (may be empty)
     * @return empty when no facilitator may run this review (all are in the incident, or none is free
     *         within the search horizon)
     */
    public Optional<ReviewPlan> plan(RotationState state, IncidentPeople incident, String service,
                                     Collection<String> addedByHand, Instant resolvedAt, Instant dueAt,
                                     Collection<FacilitatorBooking> bookings) {
        List<String> participants = incident.participantsWith(addedByHand);
        String lateFacilitator = null;
        SlotProposal lateSlot = null;
        for (String facilitator : rotation.candidates(state, incident, directory.relatedTo(service))) {
            Optional<SlotProposal> proposal = slotsOf(facilitator).find(resolvedAt, dueAt, busy(facilitator, null, bookings));
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
     * A new slot for a review that keeps its facilitator (after the incident was resolved again, say), in their
     * calendar. The review's own current booking is ignored.
     */
    public Optional<SlotProposal> reschedule(UUID reviewId, String facilitator, Instant resolvedAt, Instant dueAt,
                                             Collection<FacilitatorBooking> bookings) {
        return slotsOf(facilitator).find(resolvedAt, dueAt, busy(facilitator, reviewId, bookings));
    }

    /** The slot search in the facilitator's own calendar; the organisation's for someone the directory lacks. */
    private MeetingSlotFinder slotsOf(String facilitator) {
        return slotsOfFacilitators.getOrDefault(IncidentPeople.identity(facilitator), slots);
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
