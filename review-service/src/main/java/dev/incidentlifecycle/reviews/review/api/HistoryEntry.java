package dev.incidentlifecycle.reviews.review.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.eventstore.StoredEvent;

import java.time.Instant;
import java.util.UUID;

/** One event of a review's raw history, as stored: who, what, when it happened and when it was recorded. */
public record HistoryEntry(UUID eventId, String type, int typeVersion, long streamVersion, String actor,
                           Instant occurredAt, Instant recordedAt, String correlationId, String causationId,
                           JsonNode payload) {

    static HistoryEntry of(StoredEvent event) {
        JsonNode payload;
        try {
            payload = EventJson.mapper().readTree(event.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored event " + event.eventId() + " is not JSON", e);
        }
        return new HistoryEntry(event.eventId(), event.type(), event.typeVersion(), event.streamVersion(),
                event.metadata().actor(), event.metadata().occurredAt(), event.metadata().recordedAt(),
                event.metadata().correlationId(), event.metadata().causationId(), payload);
    }
}
