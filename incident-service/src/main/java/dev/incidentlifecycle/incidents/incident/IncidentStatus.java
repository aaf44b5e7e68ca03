package dev.incidentlifecycle.incidents.incident;

/**
 * INVESTIGATING → MITIGATED → RESOLVED → CLOSED. Resolving is allowed from INVESTIGATING or MITIGATED,
 * a RESOLVED incident can be reopened (back to INVESTIGATING), and only a RESOLVED one can be closed.
 */
public enum IncidentStatus {
    INVESTIGATING, MITIGATED, RESOLVED, CLOSED;

    /** Still being responded to: INVESTIGATING or MITIGATED. */
    public boolean open() {
        return this == INVESTIGATING || this == MITIGATED;
    }
}
