package dev.incidentlifecycle.incidents.review;

/** Where an incident's review stands, as far as closing the incident is concerned. */
public enum ReviewStatus {
    /** Scheduled and not yet over (held, published with follow-up pending, on hold). */
    OPEN,
    DECLINED,
    CANCELLED,
    /** Published, and every action item done or won't do. */
    FOLLOWED_UP
}
