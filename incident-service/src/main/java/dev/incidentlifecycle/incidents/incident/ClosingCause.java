package dev.incidentlifecycle.incidents.incident;

/**
 * Why an incident closed ({@code incident.closed}'s {@code cause}). Closing is final: a CLOSED incident is never
 * reopened (a recurrence is a new incident, linked to the old one), so the cause is the last word on it.
 */
public enum ClosingCause {
    /** Its review was published and every action item is done or won't do ({@code review.follow-up-completed}). */
    FOLLOW_UP_COMPLETED,
    /** Its suggested review was declined ({@code review.declined}). */
    REVIEW_DECLINED,
    /** Its review was cancelled ({@code review.cancelled}). */
    REVIEW_CANCELLED,
    /** Its severity needs no review ({@code incidents.closing.without-review}, SEV4 by default). */
    NO_REVIEW_NEEDED,
    /** A person closed it ({@code POST /incidents/{id}/close}), with a reason. */
    BY_HAND
}
