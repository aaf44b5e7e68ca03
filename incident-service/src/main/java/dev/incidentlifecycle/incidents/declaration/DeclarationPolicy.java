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
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How alerts become incidents. Configurable; {@link #defaults()}:
 * <ul>
 *   <li>{@code declares}: the incident severity declared for an alert severity; an alert severity
 *       without an entry is recorded as an alert only. Default: CRITICAL → SEV2, ERROR → SEV3, WARNING and
 *       INFO recorded only. {@code declaresByService} replaces it for the services it names (which severities
 *       declare, and as what);</li>
 *   <li>grouping: a new alert whose grouping key ({@link #groupingKey}: its service, plus the values of
 *       {@code groupingKeys} from its custom details or Alertmanager labels) is that of an open incident
 *       (INVESTIGATING or MITIGATED) joins the most recently declared one, whatever the alert's severity, when
 *       the incident's latest alert came at most {@code groupingWindow} ago (default 30 minutes: the window slides
 *       with the outage) and the incident was declared at most {@code maxIncidentAge} ago (default 24 hours). The
 *       edges count as inside. Alerts without a service are never grouped;</li>
 *   <li>{@code autoResolveWhenAlertsResolved}: whether an incident resolves by itself when all its
 *       alerts have resolved. Default false: a person resolves it; the timeline records the alerts
 *       resolving either way.</li>
 * </ul>
 * Only newly opened alerts ({@code alert.triggered}) go through the policy; repeats do not. Each decision names its
 * rule ({@link AlertDecision#rule()}), which the alert keeps as {@code groupedBy}.
 */
public record DeclarationPolicy(Map<AlertSeverity, IncidentSeverity> declares,
                                Map<String, Map<AlertSeverity, IncidentSeverity>> declaresByService,
                                Duration groupingWindow, Duration maxIncidentAge, List<String> groupingKeys,
                                boolean autoResolveWhenAlertsResolved) {

    public static final Duration DEFAULT_GROUPING_WINDOW = Duration.ofMinutes(30);
    public static final Duration DEFAULT_MAX_INCIDENT_AGE = Duration.ofHours(24);
    /** Where Alertmanager's labels are in a signal's custom details. */
    static final String LABELS = "labels";

    /** No per-service rules, no grouping keys beyond the service, the default maximum age. */
    public DeclarationPolicy(Map<AlertSeverity, IncidentSeverity> declares, Duration groupingWindow,
                             boolean autoResolveWhenAlertsResolved) {
        this(declares, Map.of(), groupingWindow, DEFAULT_MAX_INCIDENT_AGE, List.of(), autoResolveWhenAlertsResolved);
    }

    public DeclarationPolicy {
        Objects.requireNonNull(groupingWindow, "groupingWindow");
        Objects.requireNonNull(maxIncidentAge, "maxIncidentAge");
        if (groupingWindow.isNegative() || maxIncidentAge.isNegative()) {
            throw new IllegalArgumentException("the grouping window and the maximum incident age cannot be negative");
        }
        declares = copy(declares);
        Map<String, Map<AlertSeverity, IncidentSeverity>> byService = new TreeMap<>();
        if (declaresByService != null) {
            declaresByService.forEach((service, rules) -> byService.put(service, copy(rules)));
        }
        declaresByService = Collections.unmodifiableMap(byService);
        groupingKeys = groupingKeys == null ? List.of() : List.copyOf(groupingKeys);
    }

    private static Map<AlertSeverity, IncidentSeverity> copy(Map<AlertSeverity, IncidentSeverity> rules) {
        EnumMap<AlertSeverity, IncidentSeverity> copy = new EnumMap<>(AlertSeverity.class);
        if (rules != null) {
            copy.putAll(rules);
        }
        return Collections.unmodifiableMap(copy);
    }

    public static DeclarationPolicy defaults() {
        return new DeclarationPolicy(
                Map.of(AlertSeverity.CRITICAL, IncidentSeverity.SEV2, AlertSeverity.ERROR, IncidentSeverity.SEV3),
                DEFAULT_GROUPING_WINDOW, false);
    }

    /**
     * The key alerts are grouped by: the service, then {@code key=value} for each of {@link #groupingKeys} (the value of
     * custom details' {@code key}, else of its Alertmanager label, else empty), e.g. {@code checkout|environment=prod}.
     * Null without a service (never grouped).
     */
    public String groupingKey(String service, Map<String, Object> customDetails) {
        if (service == null) {
            return null;
        }
        StringBuilder key = new StringBuilder(service);
        for (String name : groupingKeys) {
            key.append('|').append(name).append('=').append(detail(customDetails, name));
        }
        return key.toString();
    }

    private static String detail(Map<String, Object> customDetails, String name) {
        if (customDetails == null) {
            return "";
        }
        Object value = customDetails.get(name);
        if (value == null && customDetails.get(LABELS) instanceof Map<?, ?> labels) {
            value = labels.get(name);
        }
        return value instanceof Map<?, ?> || value instanceof List<?> || value == null ? "" : String.valueOf(value);
    }

    /**
     * Decides for a newly triggered alert.
     *
     * @param candidate the most recent open incident of the alert's grouping key, or null when it has none
     * @param now       the time of the decision
     */
    public AlertDecision decide(AlertEvent.Triggered alert, CandidateIncident candidate, Instant now) {
        String key = groupingKey(alert.service(), alert.customDetails());
        if (joins(key, candidate, now)) {
            return new AlertDecision.AttachTo(candidate.incidentId(), "grouped: " + describe(key) + ", "
                    + Duration.between(candidate.lastAlertAt(), now).toMinutes() + " min after the incident's last alert (window "
                    + groupingWindow + ", maximum age " + maxIncidentAge + ")");
        }
        Map<AlertSeverity, IncidentSeverity> rules = alert.service() == null ? declares
                : declaresByService.getOrDefault(alert.service(), declares);
        String whose = rules == declares ? "" : " for service " + alert.service();
        IncidentSeverity severity = rules.get(alert.severity());
        String wire = alert.severity().name().toLowerCase(java.util.Locale.ROOT);
        return severity == null
                ? new AlertDecision.RecordOnly("recorded only: " + wire + " alerts declare no incident" + whose)
                : new AlertDecision.Declare(severity, titleFor(alert), "declared: " + wire + " alerts declare " + severity + whose);
    }

    private boolean joins(String key, CandidateIncident candidate, Instant now) {
        return candidate != null
                && key != null
                && key.equals(candidate.groupingKey())
                && candidate.status() != null && candidate.status().open()
                && Duration.between(candidate.lastAlertAt(), now).compareTo(groupingWindow) <= 0
                && Duration.between(candidate.declaredAt(), now).compareTo(maxIncidentAge) <= 0;
    }

    /** {@code service=checkout, environment=prod} from {@code checkout|environment=prod}. */
    private static String describe(String key) {
        String[] parts = key.split("\\|", -1);
        StringBuilder text = new StringBuilder("service=").append(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            text.append(", ").append(parts[i]);
        }
        return text.toString();
    }

    /** The title of an incident declared from an alert: {@code [service] summary}, or the summary alone without a service. */
    public static String titleFor(AlertEvent.Triggered alert) {
        String title = alert.service() == null ? alert.summary() : "[" + alert.service() + "] " + alert.summary();
        int max = Incident.MAX_TITLE_LENGTH;
        return title.length() <= max ? title : title.substring(0, max - 1) + "…";
    }
}
