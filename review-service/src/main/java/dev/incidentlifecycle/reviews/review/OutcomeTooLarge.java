package dev.incidentlifecycle.reviews.review;

import dev.incidentlifecycle.eventsourcing.InvalidCommand;

/**
 * The change would make the review's outcome larger than {@link ReviewLimits#OUTCOME_BYTES}: invalid whatever the
 * state, and answered 413 by the API (Content Too Large), with the limit in the message.
 */
public final class OutcomeTooLarge extends InvalidCommand {

    private final long bytes;

    OutcomeTooLarge(long bytes) {
        super(null, "the review's outcome would take up to " + bytes + " bytes as review.published; the limit is "
                + ReviewLimits.OUTCOME_BYTES + " bytes: shorten its texts or lists");
        this.bytes = bytes;
    }

    public long bytes() {
        return bytes;
    }
}
