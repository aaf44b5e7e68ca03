package dev.incidentlifecycle.notifications.delivery.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.incidentlifecycle.notifications.delivery.DeliveryRow;
import dev.incidentlifecycle.notifications.delivery.DeliveryStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** One delivery in a subscription's log. {@code body} (what is sent, byte for byte) only when one delivery is read. */
public record DeliveryView(UUID id,
                           @Schema(description = "The webhook-id header: the same on every attempt and redelivery") String webhookId,
                           UUID subscriptionId,
                           @Schema(description = "The CloudEvent id of the event") String eventId,
                           String eventType, DeliveryStatus status, int attempts, Instant createdAt,
                           @Schema(description = "When it is tried next (PENDING only)") Instant nextAttemptAt,
                           @Schema(description = "Retries stop after this") Instant retryUntil,
                           Instant lastAttemptAt, Integer lastStatusCode, String lastError, Instant deliveredAt,
                           @Schema(description = "What is sent, byte for byte (only when one delivery is read). "
                                   + "standard-webhooks: a JSON object {type, timestamp, dataversion, data}: data is the event's "
                                   + "payload as published on its topic, dataversion (integer) the CloudEvent dataversion it was "
                                   + "published with, the version of its type's schema that data follows (1 or 2 for action-item "
                                   + "events, 1 for the others; absent in deliveries recorded before it was added). "
                                   + "slack: a Block Kit message.")
                           @JsonInclude(JsonInclude.Include.NON_NULL) String body) {

    public static DeliveryView of(DeliveryRow row, boolean withBody) {
        return new DeliveryView(row.id, row.webhookId(), row.subscriptionId, row.eventId, row.eventType, row.status, row.attempts,
                row.createdAt, row.status == DeliveryStatus.PENDING ? row.nextAttemptAt : null, row.retryUntil, row.lastAttemptAt,
                row.lastStatusCode, row.lastError, row.deliveredAt, withBody ? row.body : null);
    }
}
