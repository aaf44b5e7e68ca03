package dev.incidentlifecycle.reviews.schedule;

/**
 * A meeting slot the finder chose.
 *
 * @param afterDue    true when no slot fitted before the due instant and this is the earliest one after it
 * @param shortNotice true when no slot fitted from the next business day on, so the slot is on the day of
 *                    resolution (still before the due instant)
 */
public record SlotProposal(MeetingSlot slot, boolean afterDue, boolean shortNotice) {
}
