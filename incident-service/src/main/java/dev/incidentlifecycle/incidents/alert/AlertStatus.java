package dev.incidentlifecycle.incidents.alert;

/** Where the current alert of a dedup key stands. TRIGGERED and ACKNOWLEDGED are open. */
public enum AlertStatus {
    TRIGGERED, ACKNOWLEDGED, RESOLVED;

    public boolean open() {
        return this != RESOLVED;
    }
}
