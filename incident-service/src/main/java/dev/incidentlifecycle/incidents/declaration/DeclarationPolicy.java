package dev.incidentlifecycle.incidents.declaration;

import dev.incidentlifecycle.incidents.alert.AlertEvent;
import dev.incidentlifecycle.incidents.alert.AlertSeverity;
import dev.incidentlifecycle.incidents.incident.Incident;
import dev.incidentlifecycle.incidents.incident.IncidentSeverity;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How alerts become incidents. Configurable; {@link #defaults()}:
 * <ul>
 *   <li>{@code declares}: the incident severity declared for an alert severity; an alert severity
 *       without an entry is recorded as an alert only. Default: CRITICAL → SEV2, ERROR → SEV3, WARNING and
 *       INFO recorded only;</li>
 *   <li>{@code groupingWindow}: a new alert for a service whose most recent open incident (INVESTIGATING
 *       or MITIGATED) was declared at most this long ago is attached to that incident instead, whatever
 *       the alert's severity (an alert that would only be recorded is still worth seeing on the
 *       incident). The edge counts as inside. Default 30 minutes. Alerts without a service are never
 *       grouped;</li>
 *   <li>{@code autoResolveWhenAlertsResolved}: whether an incident resolves by itself when all its
 *       alerts have resolved. Default false: a person resolves it; the timeline records the alerts
 *       resolving either way.</li>
 * </ul>
 * Only newly opened alerts ({@code alert.triggered}) go through the policy; repeats do not.
 */
public record DeclarationPolicy(Map<AlertSeverity, IncidentSeverity> declares, Duration groupingWindow,
                                boolean autoResolveWhenAlertsResolved) {

    public static final Duration DEFAULT_GROUPING_WINDOW = Duration.ofMinutes(30);

    public DeclarationPolicy {
        Objects.requireNonNull(groupingWindow, "groupingWindow");
        if (groupingWindow.isNegative()) {
            throw new IllegalArgumentException("the grouping window cannot be negative");
        }
        EnumMap<AlertSeverity, IncidentSeverity> copy = new EnumMap<>(AlertSeverity.class);
        if (declares != null) {
            copy.putAll(declares);
        }
        declares = Collections.unmodifiableMap(copy);
    }

    public static DeclarationPolicy defaults() {
        return new DeclarationPolicy(
                Map.of(AlertSeverity.CRITICAL, IncidentSeverity.SEV2, AlertSeverity.ERROR, IncidentSeverity.SEV3),
                DEFAULT_GROUPING_WINDOW, false);
    }

    /**
     * Decides for a newly triggered alert.
     *
     * @param candidate the service's most recent open incident, or null when it has none
     * @param now       the time of the decision
     */
    public AlertDecision decide(AlertEvent.Triggered alert, CandidateIncident candidate, Instant now) {
        if (joins(alert, candidate, now)) {
            return new AlertDecision.AttachTo(candidate.incidentId());
        }
        IncidentSeverity severity = declares.get(alert.severity());
        return severity == null
                ? new AlertDecision.RecordOnly()
                : new AlertDecision.Declare(severity, titleFor(alert));
    }

    private boolean joins(AlertEvent.Triggered alert, CandidateIncident candidate, Instant now) {
        return candidate != null
                && alert.service() != null
                && alert.service().equals(candidate.service())
                && candidate.status() != null && candidate.status().open()
                && Duration.between(candidate.declaredAt(), now).compareTo(groupingWindow) <= 0;
    }

    /** The title of an incident declared from an alert: {@code [service] summary}, or the summary alone without a service. */
    public static String titleFor(AlertEvent.Triggered alert) {
        String title = alert.service() == null ? alert.summary() : "[" + alert.service() + "] " + alert.summary();
        int max = Incident.MAX_TITLE_LENGTH;
        return title.length() <= max ? title : title.substring(0, max - 1) + "…";
    }
}
