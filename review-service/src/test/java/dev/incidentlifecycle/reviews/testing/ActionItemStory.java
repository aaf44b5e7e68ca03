package dev.incidentlifecycle.reviews.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentlifecycle.eventstore.EventJson;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * action-item-events as actions-service publishes them: CloudEvents in binary mode, key = action item id, version 2
 * (reviewId null for an item of no review); {@link #asVersion} turns one into another version.
 */
public final class ActionItemStory {

    public static final String TOPIC = "action-item-events";

    private ActionItemStory() {
    }

    public static ProducerRecord<String, byte[]> created(UUID actionItemId, UUID reviewId, Instant at) {
        Map<String, Object> data = payload(actionItemId, reviewId, "review-service", at);
        data.put("title", "Alert on pool saturation");
        data.put("itemType", "DETECT");
        data.put("ownerTeam", "payments");
        return event("action-item.created", actionItemId, "review-service", at, data);
    }

    public static ProducerRecord<String, byte[]> completed(UUID actionItemId, UUID reviewId, String by, Instant at) {
        Map<String, Object> data = payload(actionItemId, reviewId, by, at);
        data.put("resolutionNote", "shipped");
        data.put("link", null);
        return event("action-item.completed", actionItemId, by, at, data);
    }

    public static ProducerRecord<String, byte[]> wontDo(UUID actionItemId, UUID reviewId, String by, Instant at) {
        Map<String, Object> data = payload(actionItemId, reviewId, by, at);
        data.put("justification", "superseded by the platform migration");
        return event("action-item.wont-do", actionItemId, by, at, data);
    }

    public static ProducerRecord<String, byte[]> reopened(UUID actionItemId, UUID reviewId, String by, Instant at) {
        Map<String, Object> data = payload(actionItemId, reviewId, by, at);
        data.put("reason", "came back");
        return event("action-item.reopened", actionItemId, by, at, data);
    }

    public static ProducerRecord<String, byte[]> removed(UUID actionItemId, UUID reviewId, String status, Instant at) {
        Map<String, Object> data = payload(actionItemId, reviewId, "review-service", at);
        data.put("status", status);
        data.put("reason", "removed by an amendment of the review");
        return event("action-item.removed", actionItemId, "review-service", at, data);
    }

    public static ProducerRecord<String, byte[]> started(UUID actionItemId, UUID reviewId, String by, Instant at) {
        return event("action-item.started", actionItemId, by, at, payload(actionItemId, reviewId, by, at));
    }

    private static Map<String, Object> payload(UUID actionItemId, UUID reviewId, String by, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("actionItemId", actionItemId.toString());
        data.put("reviewId", reviewId == null ? null : reviewId.toString());
        data.put("by", by);
        data.put("occurredAt", at.toString());
        return data;
    }

    private static ProducerRecord<String, byte[]> event(String type, UUID actionItemId, String actor, Instant at,
                                                        Map<String, Object> data) {
        RecordHeaders headers = new RecordHeaders();
        IncidentStory.header(headers, "ce_specversion", "1.0");
        IncidentStory.header(headers, "ce_id", UUID.randomUUID().toString());
        IncidentStory.header(headers, "ce_source", "/actions-service");
        IncidentStory.header(headers, "ce_type", type);
        IncidentStory.header(headers, "ce_subject", actionItemId.toString());
        IncidentStory.header(headers, "ce_time", at.toString());
        IncidentStory.header(headers, "ce_actor", actor);
        IncidentStory.header(headers, "content-type", "application/json");
        IncidentStory.header(headers, "ce_dataversion", "2");
        return new ProducerRecord<>(TOPIC, null, actionItemId.toString(), IncidentStory.json(data), headers);
    }

    /** The same event as version {@code version} of its type: 1 as stored before version 2, 3 as no consumer knows yet. */
    public static ProducerRecord<String, byte[]> asVersion(ProducerRecord<String, byte[]> record, int version) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.remove("ce_dataversion");
        IncidentStory.header(headers, "ce_dataversion", Integer.toString(version));
        return new ProducerRecord<>(record.topic(), null, record.key(), record.value(), headers);
    }

    /** The same event with no reviewId at all, as version 2 allows for an item of no review. */
    public static ProducerRecord<String, byte[]> withoutReviewId(ProducerRecord<String, byte[]> record) {
        try {
            ObjectNode data = (ObjectNode) EventJson.mapper().readTree(record.value());
            data.remove("reviewId");
            return new ProducerRecord<>(record.topic(), null, record.key(), IncidentStory.json(data), record.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
