package dev.incidentlifecycle.actions.actionitem;

/** The severity of the incident an action item came from, SEV1 the most severe. */
public enum Severity {
    SEV1, SEV2, SEV3, SEV4
}
