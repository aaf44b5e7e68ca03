package dev.incidentlifecycle.notifications.subscription;

/** Whether a subscription is sent to. */
public enum SubscriptionState {
    ACTIVE,
    /** After sustained failure (or by an admin): nothing is recorded or sent for it until it is enabled again. */
    DISABLED
}
