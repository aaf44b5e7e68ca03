package dev.incidentlifecycle.reviews.review;

import dev.incidentlifecycle.eventsourcing.InvalidCommand;

import java.util.Collection;

/**
 * The bounds of a review, in one place: every collection and text a person writes into it, and the whole outcome
 * ({@code review.published}, {@code review.amended}) that other services read from Kafka. The request records
 * repeat the text bounds for Bean Validation; the decider enforces all of them, whoever sends the command.
 *
 * <p>Why these numbers: a review is read by people in one sitting, so the counts are generous for a real
 * incident and far below what would strain the language check or Kafka. The outcome bound keeps every
 * {@code review.published} well under Kafka's default maximum record size (1 MiB), with room for the
 * CloudEvents headers and for {@code review.amended}'s list of changes and reason.
 */
public final class ReviewLimits {

    /** Each section of the document: summary, impact, what went well, where we got lucky, open questions. */
    public static final int SECTION_LENGTH = 20_000;
    public static final int CONTRIBUTING_FACTORS = 50;
    public static final int FACTOR_DESCRIPTION_LENGTH = 2_000;
    /** Free tags per contributing factor, each a short lower-case word ({@link ContributingFactor#TAG}). */
    public static final int FACTOR_TAGS = 10;
    public static final int FACTOR_TAG_LENGTH = 50;
    public static final int ACTION_ITEMS = 50;
    /** An action item's title, owner team and owner. */
    public static final int ACTION_ITEM_LINE_LENGTH = 500;
    /** Participants besides the facilitator, including those the incident brought. */
    public static final int PARTICIPANTS = 50;
    public static final int PARTICIPANT_LENGTH = 200;
    /** Notes on the incident's timeline entries (one per entry). */
    public static final int TIMELINE_NOTES = 200;
    public static final int TIMELINE_NOTE_LENGTH = 2_000;
    public static final int TIMELINE_ENTRY_ID_LENGTH = 100;
    /** A reason given to reschedule, cancel, decline, amend or dismiss a finding. */
    public static final int REASON_LENGTH = 2_000;
    /** The serialized outcome, in bytes of UTF-8 JSON: a quarter of Kafka's default maximum record size. */
    public static final int OUTCOME_BYTES = 256 * 1024;

    private ReviewLimits() {
    }

    static void requireLength(String text, int limit, String field) {
        if (text != null && text.length() > limit) {
            throw new InvalidCommand(field, field + " is " + text.length() + " characters long; the limit is " + limit);
        }
    }

    /** For a command that adds one more element to {@code current}. */
    static void requireRoomForOne(Collection<?> current, int limit, String field) {
        if (current.size() >= limit) {
            throw new InvalidCommand(field, "a review has at most " + limit + " " + field + "; remove one first");
        }
    }

    static void requireCount(int count, int limit, String field) {
        if (count > limit) {
            throw new InvalidCommand(field, field + " has " + count + " entries; the limit is " + limit);
        }
    }
}
