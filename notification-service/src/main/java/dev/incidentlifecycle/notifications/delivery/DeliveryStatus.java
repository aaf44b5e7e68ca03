package dev.incidentlifecycle.notifications.delivery;

/** Where a delivery stands. */
public enum DeliveryStatus {
    /** Waiting for its first attempt or a retry. */
    PENDING,
    /** The target answered 2xx. */
    DELIVERED,
    /** For good: a 4xx other than 408 and 429, a refused target, or the retry window closed. Can be redelivered. */
    FAILED
}
