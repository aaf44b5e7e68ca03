package dev.incidentlifecycle.incidents.incident.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.eventstore.StoredEvent;

import java.time.Instant;
import java.util.UUID;

/** One event of a stream exactly as stored: the raw history behind every view. */
public record RecordedEventView(UUID eventId, String type, int typeVersion, long streamVersion, String actor,
                                Instant occurredAt, Instant recordedAt, String correlationId, String causationId,
                                JsonNode payload) {

    public static RecordedEventView of(StoredEvent stored) {
        try {
            return new RecordedEventView(stored.eventId(), stored.type(), stored.typeVersion(), stored.streamVersion(),
                    stored.metadata().actor(), stored.metadata().occurredAt(), stored.metadata().recordedAt(),
                    stored.metadata().correlationId(), stored.metadata().causationId(),
                    EventJson.mapper().readTree(stored.payload()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + stored.eventId() + " has an unreadable payload", e);
        }
    }
}
