package dev.incidentlifecycle.incidents.alert;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What happened to the alert of one dedup key. Every event names the alert and its dedup key. */
public sealed interface AlertEvent {

    /** Stable, versioned event type name, e.g. {@code alert.triggered}. */
    String type();

    UUID alertId();

    String dedupKey();

    /** When it happened. */
    Instant occurredAt();

    /**
     * A new alert opened: the first trigger for the key, or the first after its last alert resolved.
     *
     * @param triggeredAt when it started: the sender's timestamp, or {@code receivedAt} when the sender
     *                    gave none or one later than its arrival
     */
    record Triggered(UUID alertId, String dedupKey, AlertSeverity severity, String summary, String source,
                     String service, String component, String group, String alertClass,
                     Map<String, Object> customDetails, List<AlertLink> links, String client, String clientUrl,
                     Instant triggeredAt, Instant receivedAt) implements AlertEvent {
        public Triggered {
            customDetails = customDetails == null
                    ? Map.of()
                    : Collections.unmodifiableMap(new LinkedHashMap<>(customDetails));
            links = links == null ? List.of() : List.copyOf(links);
        }

        @Override
        public String type() {
            return "alert.triggered";
        }

        @Override
        public Instant occurredAt() {
            return triggeredAt;
        }
    }

    /** Another trigger for the open alert: the same alert, counted. */
    record Repeated(UUID alertId, String dedupKey, long occurrences, Instant repeatedAt) implements AlertEvent {
        @Override
        public String type() {
            return "alert.repeated";
        }

        @Override
        public Instant occurredAt() {
            return repeatedAt;
        }
    }

    /** @param incidentId the incident the alert is attached to, or null */
    record Acknowledged(UUID alertId, String dedupKey, UUID incidentId, Instant acknowledgedAt) implements AlertEvent {
        @Override
        public String type() {
            return "alert.acknowledged";
        }

        @Override
        public Instant occurredAt() {
            return acknowledgedAt;
        }
    }

    /** @param incidentId the incident the alert is attached to, or null */
    record Resolved(UUID alertId, String dedupKey, UUID incidentId, Instant resolvedAt) implements AlertEvent {
        @Override
        public String type() {
            return "alert.resolved";
        }

        @Override
        public Instant occurredAt() {
            return resolvedAt;
        }
    }

    /** @param groupedBy the declaration policy's rule that declared or grouped it, or null (before it was recorded) */
    record AttachedToIncident(UUID alertId, String dedupKey, UUID incidentId, Instant attachedAt, String groupedBy)
            implements AlertEvent {
        public AttachedToIncident(UUID alertId, String dedupKey, UUID incidentId, Instant attachedAt) {
            this(alertId, dedupKey, incidentId, attachedAt, null);
        }

        @Override
        public String type() {
            return "alert.attached-to-incident";
        }

        @Override
        public Instant occurredAt() {
            return attachedAt;
        }
    }

    record DetachedFromIncident(UUID alertId, String dedupKey, UUID incidentId, Instant detachedAt) implements AlertEvent {
        @Override
        public String type() {
            return "alert.detached-from-incident";
        }

        @Override
        public Instant occurredAt() {
            return detachedAt;
        }
    }

    record MovedToIncident(UUID alertId, String dedupKey, UUID fromIncidentId, UUID incidentId, Instant movedAt)
            implements AlertEvent {
        @Override
        public String type() {
            return "alert.moved-to-incident";
        }

        @Override
        public Instant occurredAt() {
            return movedAt;
        }
    }

    /** Every event type name and its record, for adapters that read events back from JSON. */
    Map<String, Class<? extends AlertEvent>> TYPES = Map.of(
            "alert.triggered", Triggered.class,
            "alert.repeated", Repeated.class,
            "alert.acknowledged", Acknowledged.class,
            "alert.resolved", Resolved.class,
            "alert.attached-to-incident", AttachedToIncident.class,
            "alert.detached-from-incident", DetachedFromIncident.class,
            "alert.moved-to-incident", MovedToIncident.class);
}
