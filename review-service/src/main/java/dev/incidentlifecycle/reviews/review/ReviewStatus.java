package dev.incidentlifecycle.reviews.review;

/**
 * Where a review stands.
 * <pre>
 *   SCHEDULED ──start──▶ IN_REVIEW ──publish──▶ PUBLISHED (amend, follow-up)
 *   SCHEDULED / IN_REVIEW ──incident reopened──▶ ON_HOLD ──rescheduled──▶ back where it was
 *   SCHEDULED / ON_HOLD / IN_REVIEW ──cancel──▶ CANCELLED
 *   SCHEDULED / ON_HOLD (SUGGESTED only) ──decline──▶ DECLINED
 * </pre>
 */
public enum ReviewStatus {
    SCHEDULED, ON_HOLD, IN_REVIEW, PUBLISHED, CANCELLED, DECLINED;

    /** Nothing more happens to a review that was cancelled or declined. */
    public boolean isClosedWithoutPublishing() {
        return this == CANCELLED || this == DECLINED;
    }

    /** Still heading for publication: scheduled, on hold or in review. */
    public boolean isOpen() {
        return this == SCHEDULED || this == ON_HOLD || this == IN_REVIEW;
    }
}
