package dev.incidentlifecycle.incidents.alert;

import java.util.Locale;

/**
 * How bad the alerting system says a signal is: PagerDuty's four levels. Incident severities
 * (SEV1..SEV4) are a separate scale chosen by people or by the declaration policy.
 */
public enum AlertSeverity {
    CRITICAL, ERROR, WARNING, INFO;

    /** The lower-case name used on the wire by PagerDuty's Events API v2 ({@code critical}, ...). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The severity for PagerDuty's exact lower-case wire name, or null when it is not one of the four. */
    public static AlertSeverity fromWireName(String value) {
        for (AlertSeverity severity : values()) {
            if (severity.wireName().equals(value)) {
                return severity;
            }
        }
        return null;
    }
}
