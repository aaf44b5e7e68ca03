package dev.incidentlifecycle.actions.actionitem;

/** What kind of change an action item asks for, as the review classified it. */
public enum ActionItemType {
    /** Stops the same contributing factors from causing an incident again. */
    PREVENT,
    /** Makes the condition visible sooner: alerting, monitoring, dashboards. */
    DETECT,
    /** Reduces the impact or the time to recover when it happens again. */
    MITIGATE,
    /** Changes how people work together: runbooks, on-call, communication. */
    PROCESS,
    /** Spreads what was learned: training, write-ups, game days. */
    LEARN
}
