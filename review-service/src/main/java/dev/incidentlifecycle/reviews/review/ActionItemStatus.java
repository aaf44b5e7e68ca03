package dev.incidentlifecycle.reviews.review;

/** Where an action item stands, as actions-service reports it on {@code action-item-events}. */
public enum ActionItemStatus {
    OPEN, IN_PROGRESS, DONE, WONT_DO;

    /** DONE or WONT_DO: nothing more is owed. */
    public boolean isClosed() {
        return this == DONE || this == WONT_DO;
    }
}
