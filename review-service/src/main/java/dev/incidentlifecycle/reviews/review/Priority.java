package dev.incidentlifecycle.reviews.review;

/** How urgent the review judges an action item, P1 the most urgent. */
public enum Priority {
    P1, P2, P3, P4
}
