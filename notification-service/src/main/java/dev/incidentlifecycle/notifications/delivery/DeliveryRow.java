package dev.incidentlifecycle.notifications.delivery;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One message for one subscription, with the outcome of its last attempt: the subscription's delivery log. */
@Entity
@Table(name = "delivery")
public class DeliveryRow {

    @Id
    public UUID id;
    @Column(name = "subscription_id")
    public UUID subscriptionId;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "event_type")
    public String eventType;
    @Column(name = "body")
    public String body;
    @Enumerated(EnumType.STRING)
    @Column(name = "status")
    public DeliveryStatus status;
    @Column(name = "attempts")
    public int attempts;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "retry_until")
    public Instant retryUntil;
    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;
    @Column(name = "last_status_code")
    public Integer lastStatusCode;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "delivered_at")
    public Instant deliveredAt;

    /** The {@code webhook-id} header: the same on every attempt of this delivery. */
    public String webhookId() {
        return webhookId(id);
    }

    public static String webhookId(UUID deliveryId) {
        return "msg_" + deliveryId.toString().replace("-", "");
    }

    /** The delivery of an event to a subscription has one id whoever records it: a redelivered record records nothing new. */
    public static UUID idOf(String eventId, UUID subscriptionId) {
        return UUID.nameUUIDFromBytes((subscriptionId + "/" + eventId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
