package dev.incidentlifecycle.reviews.schedule;

import java.util.Objects;
import java.util.UUID;

/**
 * A review meeting a facilitator already holds (the adapter lists the scheduled, not cancelled ones
 * from its read model).
 *
 * @param reviewId the review the meeting is for, so that rescheduling a review ignores its own old slot
 */
public record FacilitatorBooking(String facilitator, UUID reviewId, MeetingSlot slot) {

    public FacilitatorBooking {
        Objects.requireNonNull(facilitator, "facilitator");
        Objects.requireNonNull(slot, "slot");
    }
}
