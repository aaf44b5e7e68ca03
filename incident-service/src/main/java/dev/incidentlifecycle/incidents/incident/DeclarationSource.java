package dev.incidentlifecycle.incidents.incident;

/** Whether a person declared the incident or the declaration policy did, from an alert. */
public enum DeclarationSource {
    MANUAL, ALERT
}
