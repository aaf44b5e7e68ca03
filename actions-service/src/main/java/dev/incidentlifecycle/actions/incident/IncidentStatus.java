package dev.incidentlifecycle.actions.incident;

/** Where an incident is in its response, as incident-service's events tell it. */
public enum IncidentStatus {
    /** Declared, or reopened: being responded to. */
    INVESTIGATING,
    MITIGATED,
    RESOLVED,
    CLOSED,
    /** Merged into another incident, which carries on. */
    MERGED
}
