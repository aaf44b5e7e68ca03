package dev.incidentlifecycle.actions.actionitem.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.eventstore.StoredEvent;

import java.time.Instant;
import java.util.UUID;

/** One event of an item's raw history: what happened, who did it, when it happened and when it was recorded. */
public record HistoryEntry(UUID eventId, String type, int typeVersion, long streamVersion, String actor,
                           Instant occurredAt, Instant recordedAt, String correlationId, String causationId,
                           JsonNode payload) {

    public static HistoryEntry of(StoredEvent stored) {
        JsonNode payload;
        try {
            payload = EventJson.mapper().readTree(stored.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored payload of event " + stored.eventId() + " is not JSON", e);
        }
        return new HistoryEntry(stored.eventId(), stored.type(), stored.typeVersion(), stored.streamVersion(),
                stored.metadata().actor(), stored.metadata().occurredAt(), stored.metadata().recordedAt(),
                stored.metadata().correlationId(), stored.metadata().causationId(), payload);
    }
}
