package dev.incidentlifecycle.incidents.incident;

/**
 * INVESTIGATING → MITIGATED → RESOLVED → CLOSED. Resolving is allowed from INVESTIGATING or MITIGATED,
 * a RESOLVED incident can be reopened (back to INVESTIGATING), and only a RESOLVED one can be closed. An incident
 * that is not finished can be merged into another one: it ends MERGED, its alerts on the surviving incident.
 * CLOSED and MERGED are final.
 */
public enum IncidentStatus {
    INVESTIGATING, MITIGATED, RESOLVED, CLOSED, MERGED;

    /** Still being responded to: INVESTIGATING or MITIGATED. */
    public boolean open() {
        return this == INVESTIGATING || this == MITIGATED;
    }

    /** Nothing changes it any more: CLOSED or MERGED. */
    public boolean finished() {
        return this == CLOSED || this == MERGED;
    }
}
