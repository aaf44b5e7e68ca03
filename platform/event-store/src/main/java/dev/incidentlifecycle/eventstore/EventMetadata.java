package dev.incidentlifecycle.eventstore;

import java.time.Instant;

/**
 * Who did it and when, stored with every event.
 *
 * @param actor         who caused the change: a person's subject, or a system such as {@code alertmanager}
 * @param occurredAt    when it happened, as told by the actor; may be back-dated
 * @param recordedAt    when this service learned it; taken from the service's clock, never back-dated
 * @param correlationId the id shared by everything one request or alert set off
 * @param causationId   the id of the message or request that caused this event
 */
public record EventMetadata(String actor, Instant occurredAt, Instant recordedAt, String correlationId, String causationId) {
}
