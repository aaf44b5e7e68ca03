package dev.incidentlifecycle.incidents.alert;

/**
 * An Opsgenie alert's {@code priority} (P1 the highest, P5 the lowest; P3 when the sender gives none, as in Opsgenie)
 * and the alert severity it is recorded as. The mapping matches the one of Alertmanager's {@code p1}..{@code p5}
 * severity labels ({@link AlertmanagerNotification#severityOf}), so the declaration policy treats a P2 the same
 * whichever way it came:
 * <table>
 *   <caption>priority to severity</caption>
 *   <tr><th>priority</th><th>severity</th><th>default policy</th></tr>
 *   <tr><td>P1</td><td>CRITICAL</td><td>declares SEV2</td></tr>
 *   <tr><td>P2</td><td>ERROR</td><td>declares SEV3</td></tr>
 *   <tr><td>P3 (default), P4</td><td>WARNING</td><td>recorded only</td></tr>
 *   <tr><td>P5</td><td>INFO</td><td>recorded only</td></tr>
 * </table>
 */
public enum OpsgeniePriority {
    P1(AlertSeverity.CRITICAL),
    P2(AlertSeverity.ERROR),
    P3(AlertSeverity.WARNING),
    P4(AlertSeverity.WARNING),
    P5(AlertSeverity.INFO);

    /** Opsgenie's default for an alert created without a priority. */
    public static final OpsgeniePriority DEFAULT = P3;

    private final AlertSeverity severity;

    OpsgeniePriority(AlertSeverity severity) {
        this.severity = severity;
    }

    public AlertSeverity severity() {
        return severity;
    }

    /** The priority of this exact name ({@code P1}..{@code P5}, upper case as Opsgenie requires), or null. */
    public static OpsgeniePriority of(String name) {
        for (OpsgeniePriority priority : values()) {
            if (priority.name().equals(name)) {
                return priority;
            }
        }
        return null;
    }
}
