package dev.incidentlifecycle.reviews.review;

/**
 * Where a review stands.
 * <pre>
 *   NEEDS_FACILITATOR ──facilitator assigned──▶ SCHEDULED
 *   SCHEDULED ──start──▶ IN_REVIEW ──publish──▶ PUBLISHED (amend, follow-up)
 *   SCHEDULED / IN_REVIEW ──incident reopened──▶ ON_HOLD ──rescheduled──▶ back where it was
 *   NEEDS_FACILITATOR / SCHEDULED / ON_HOLD / IN_REVIEW ──cancel──▶ CANCELLED
 *   NEEDS_FACILITATOR / SCHEDULED / ON_HOLD (SUGGESTED only) ──decline──▶ DECLINED
 * </pre>
 * A review that waits for a facilitator exists and counts toward its due date like any other open review; it
 * has no meeting until one is assigned.
 */
public enum ReviewStatus {
    NEEDS_FACILITATOR, SCHEDULED, ON_HOLD, IN_REVIEW, PUBLISHED, CANCELLED, DECLINED;

    /** Nothing more happens to a review that was cancelled or declined. */
    public boolean isClosedWithoutPublishing() {
        return this == CANCELLED || this == DECLINED;
    }

    /** Still heading for publication: waiting for a facilitator, scheduled, on hold or in review. */
    public boolean isOpen() {
        return this == NEEDS_FACILITATOR || this == SCHEDULED || this == ON_HOLD || this == IN_REVIEW;
    }
}
