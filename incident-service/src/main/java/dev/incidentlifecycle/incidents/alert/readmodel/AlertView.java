package dev.incidentlifecycle.incidents.alert.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.incidents.alert.AlertSeverity;
import dev.incidentlifecycle.incidents.alert.AlertStatus;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert in JSON.
 *
 * @param occurrences  triggers received for it, the first included
 * @param incidentId   the incident it is attached to, or null (recorded only)
 * @param groupedBy    the declaration policy's rule that declared its incident or grouped it into one, or null
 * @param triggeredAt  when it started, by the sender's clock (never after it was received)
 * @param customDetails the sender's {@code custom_details}
 */
public record AlertView(UUID alertId, String dedupKey, AlertStatus status, AlertSeverity severity, String summary,
                        String source, String service, String component, String group, String alertClass,
                        String client, String clientUrl, JsonNode customDetails, JsonNode links, long occurrences,
                        UUID incidentId, Instant triggeredAt, Instant receivedAt, Instant lastTriggerAt,
                        Instant acknowledgedAt, Instant resolvedAt, String groupedBy, long version) {

    public static AlertView of(AlertRow row) {
        return new AlertView(row.alertId, row.dedupKey, AlertStatus.valueOf(row.status), AlertSeverity.valueOf(row.severity),
                row.summary, row.source, row.service, row.component, row.group, row.alertClass, row.client,
                row.clientUrl, json(row.details), json(row.links), row.occurrences, row.incidentId, row.triggeredAt,
                row.receivedAt, row.lastTriggerAt, row.acknowledgedAt, row.resolvedAt, row.groupedBy, row.version);
    }

    private static JsonNode json(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the alerts read model holds unreadable JSON; rebuild it", e);
        }
    }
}
