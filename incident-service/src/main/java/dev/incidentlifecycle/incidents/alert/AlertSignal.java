package dev.incidentlifecycle.incidents.alert;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One alert signal from any alerting system, normalised to PagerDuty Events API v2 terms. Built by
 * {@link PagerDutyEvent#validate} and {@link AlertmanagerNotification#toSignals}; handed to the
 * {@link Alert} aggregate through {@link AlertCommand#from}.
 *
 * <p>For a {@code TRIGGER}, {@code summary}, {@code source} and {@code severity} are always present.
 * For {@code ACKNOWLEDGE} and {@code RESOLVE} only {@code dedupKey} is sure to be; the rest is whatever
 * the sender added.
 *
 * @param timestamp when the sending tool saw it happen, or null when it did not say
 * @param service   the affected service: PagerDuty's {@code payload.component}, else {@code payload.source};
 *                  Alertmanager's {@code service} label, else its {@code job} label; may be null
 */
public record AlertSignal(
        Action action,
        String dedupKey,
        String summary,
        String source,
        AlertSeverity severity,
        Instant timestamp,
        String component,
        String group,
        String alertClass,
        Map<String, Object> customDetails,
        List<AlertLink> links,
        String client,
        String clientUrl,
        String service) {

    /** PagerDuty's {@code event_action}. */
    public enum Action {
        TRIGGER, ACKNOWLEDGE, RESOLVE
    }

    public AlertSignal {
        Objects.requireNonNull(action, "action");
        if (dedupKey == null || dedupKey.isBlank()) {
            throw new IllegalArgumentException("an alert signal needs a dedup key");
        }
        if (action == Action.TRIGGER && (summary == null || source == null || severity == null)) {
            throw new IllegalArgumentException("a trigger needs a summary, a source and a severity");
        }
        // JSON objects may hold null values, which Map.copyOf refuses.
        customDetails = customDetails == null
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(customDetails));
        links = links == null ? List.of() : List.copyOf(links);
    }
}
