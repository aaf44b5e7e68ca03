package dev.incidentlifecycle.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.eventstore.StoredEvent;
import dev.incidentlifecycle.eventstore.StreamSlice;

import java.time.Instant;
import java.util.UUID;

/**
 * One event of an aggregate's raw history exactly as stored, the same in every service's
 * {@code GET .../{id}/events}: what happened, who did it, when it happened and when it was recorded.
 */
public record HistoryEntry(UUID eventId, String type, int typeVersion, long streamVersion, String actor,
                           Instant occurredAt, Instant recordedAt, String correlationId, String causationId,
                           JsonNode payload) {

    /** The slice of a stream read for {@code request} as a page of its history: the stream's length is the total. */
    public static Page<HistoryEntry> page(StreamSlice slice, PageRequest request) {
        return new Page<>(slice.events().stream().map(HistoryEntry::of).toList(), slice.streamVersion(), request.page(),
                request.size());
    }

    public static HistoryEntry of(StoredEvent stored) {
        try {
            return new HistoryEntry(stored.eventId(), stored.type(), stored.typeVersion(), stored.streamVersion(),
                    stored.metadata().actor(), stored.metadata().occurredAt(), stored.metadata().recordedAt(),
                    stored.metadata().correlationId(), stored.metadata().causationId(),
                    EventJson.mapper().readTree(stored.payload()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + stored.eventId() + " has an unreadable payload", e);
        }
    }
}
