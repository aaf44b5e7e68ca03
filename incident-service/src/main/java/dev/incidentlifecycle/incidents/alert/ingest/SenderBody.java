package dev.incidentlifecycle.incidents.alert.ingest;

import dev.incidentlifecycle.eventstore.EventJson;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body an alerting system sent, read leniently as a JSON object: the PagerDuty and Alertmanager
 * validators then report what is wrong in their own wording, so anything else reads as absent.
 */
final class SenderBody {

    private SenderBody() {
    }

    /** The body as a JSON object, or null when it is empty, not JSON, or not an object. */
    static Map<String, Object> asObject(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            Object parsed = EventJson.mapper().readValue(body, Object.class);
            if (parsed instanceof Map<?, ?> map) {
                Map<String, Object> object = new LinkedHashMap<>();
                map.forEach((key, value) -> object.put(String.valueOf(key), value));
                return object;
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
