package dev.incidentlifecycle.actions.actionitem;

/** How urgent the review judged an action item, P1 the most urgent. */
public enum Priority {
    P1, P2, P3, P4
}
