package dev.incidentlifecycle.reviews.policy;

/** Whether the policy asks for a review of an incident. */
public enum ReviewRequirement {
    /** A review must be held; it can be cancelled (with a reason) but not declined. */
    REQUIRED,
    /** A review is scheduled, and a person may decline it with a reason. */
    SUGGESTED,
    /** No review is scheduled. */
    NONE;

    public boolean reviewNeeded() {
        return this != NONE;
    }

    public boolean declinable() {
        return this == SUGGESTED;
    }
}
