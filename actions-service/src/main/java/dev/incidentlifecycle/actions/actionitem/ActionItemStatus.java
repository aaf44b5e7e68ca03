package dev.incidentlifecycle.actions.actionitem;

/**
 * Where an action item stands. OPEN and IN_PROGRESS still owe work; DONE and WONT_DO are closed, and
 * a review's follow-up is complete when all its items are closed.
 */
public enum ActionItemStatus {
    OPEN, IN_PROGRESS, DONE, WONT_DO;

    /** True for DONE and WONT_DO: nothing more is owed unless the item is reopened. */
    public boolean isClosed() {
        return this == DONE || this == WONT_DO;
    }
}
