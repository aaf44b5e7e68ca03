package dev.incidentlifecycle.reviews.review.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.incidentlifecycle.eventstore.EventJson;

import java.util.List;

/**
 * JSON columns of the read models, written with the event payloads' mapping: a row's JSON reads the same as the
 * events it came from, whatever the REST settings are.
 */
public final class ReadModelJson {

    public static final TypeReference<List<String>> PEOPLE = new TypeReference<>() {
    };
    public static final TypeReference<List<FindingView>> FINDINGS = new TypeReference<>() {
    };

    private ReadModelJson() {
    }

    public static String write(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return EventJson.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a read-model column does not hold a " + type.getSimpleName()
                    + ": rebuild the read model (" + e.getOriginalMessage() + ")", e);
        }
    }

    public static <T> T read(String json, TypeReference<T> type) {
        try {
            return EventJson.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a read-model column does not hold the expected JSON: "
                    + e.getOriginalMessage(), e);
        }
    }
}
