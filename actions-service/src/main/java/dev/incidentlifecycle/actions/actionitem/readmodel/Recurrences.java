package dev.incidentlifecycle.actions.actionitem.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Recurred;
import dev.incidentlifecycle.actions.actionitem.SharedFactor;
import dev.incidentlifecycle.eventstore.EventJson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The recurrences of one item as its row keeps them: a JSON list in {@code action_item.recurred_by}, oldest first.
 * The decider records at most {@code ActionItemDecider.MAX_RECURRENCES} per item, so the list stays short.
 */
public final class Recurrences {

    /**
     * One later review that found the item's condition again.
     *
     * @param reviewId       the later review
     * @param incidentId     its incident
     * @param incidentNumber its incident's number, when known
     * @param shared         the (category, tag) pairs both reviews named
     * @param at             when it was found
     */
    public record Recurrence(UUID reviewId, UUID incidentId, String incidentNumber, List<SharedFactor> shared,
                             Instant at) {
    }

    private static final TypeReference<List<Recurrence>> LIST = new TypeReference<>() {
    };

    private Recurrences() {
    }

    /** The recurrences a row's column holds; empty for null. */
    public static List<Recurrence> read(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return List.copyOf(EventJson.mapper().readValue(json, LIST));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable action_item.recurred_by: rebuild the read model", e);
        }
    }

    static String with(String json, Recurred event) {
        List<Recurrence> all = new ArrayList<>(read(json));
        all.add(new Recurrence(event.laterReviewId(), event.laterIncidentId(), event.laterIncidentNumber(),
                event.shared(), event.occurredAt()));
        try {
            return EventJson.mapper().writeValueAsString(all);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
