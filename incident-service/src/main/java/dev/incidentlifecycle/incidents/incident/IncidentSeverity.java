package dev.incidentlifecycle.incidents.incident;

/** SEV1 is the worst. */
public enum IncidentSeverity {
    SEV1, SEV2, SEV3, SEV4
}
