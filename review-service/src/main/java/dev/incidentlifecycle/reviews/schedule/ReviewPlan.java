package dev.incidentlifecycle.reviews.schedule;

import java.util.List;

/**
 * Who facilitates a review, when it meets and who takes part.
 *
 * @param nextRotation the rotation state to keep once the review is scheduled with this plan
 */
public record ReviewPlan(String facilitator, MeetingSlot slot, boolean afterDue, boolean shortNotice,
                         List<String> participants, RotationState nextRotation) {

    public ReviewPlan {
        participants = List.copyOf(participants);
    }
}
