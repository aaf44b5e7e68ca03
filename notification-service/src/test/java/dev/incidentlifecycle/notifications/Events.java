package dev.incidentlifecycle.notifications;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentlifecycle.testing.RealInfrastructure;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Events as the other services publish them: CloudEvents in binary mode on their topics, keyed by aggregate id. */
public final class Events {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Events() {
    }

    /** Publishes one event, version 1; answers its CloudEvent id. */
    public static String publish(String topic, String type, String subject, Map<String, Object> data) {
        return publish(topic, type, subject, data, 1);
    }

    /** Publishes one event as version {@code dataVersion} of its type; answers its CloudEvent id. */
    public static String publish(String topic, String type, String subject, Map<String, Object> data, int dataVersion) {
        String id = UUID.randomUUID().toString();
        RecordHeaders headers = new RecordHeaders();
        Map.of("ce_specversion", "1.0", "ce_id", id, "ce_source", "/" + topic.replace("-events", "") + "-service",
                        "ce_type", type, "ce_subject", subject, "ce_time", Instant.now().toString(),
                        "ce_dataversion", Integer.toString(dataVersion), "content-type", "application/json")
                .forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        try {
            RealInfrastructure.produce(new ProducerRecord<>(topic, null, subject, JSON.writeValueAsBytes(data), headers));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    /** incident.declared of a new incident of {@code service}; answers the incident id. */
    public static String declared(String service, String severity) {
        String incidentId = UUID.randomUUID().toString();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("incidentId", incidentId);
        data.put("number", "INC-" + (int) (Math.random() * 100_000));
        data.put("title", "Checkout fails for " + service);
        data.put("severity", severity);
        data.put("service", service);
        data.put("commander", "ana");
        data.put("declaredBy", "ana");
        data.put("declaredAt", Instant.now().toString());
        data.put("detectedAt", Instant.now().toString());
        data.put("source", Map.of("kind", "MANUAL"));
        publish("incident-events", "incident.declared", incidentId, data);
        return incidentId;
    }

    public static String resolved(String incidentId) {
        return publish("incident-events", "incident.resolved", incidentId,
                Map.of("incidentId", incidentId, "reason", "Rolled back", "actor", "ana", "occurredAt", Instant.now().toString()));
    }

    /** action-item.created then action-item.overdue of a new item of {@code team}, of a review, version 1; answers the item id. */
    public static String overdueActionItem(String team, String service) {
        return overdueActionItem(team, service, UUID.randomUUID().toString(), 1);
    }

    /**
     * action-item.created then action-item.overdue of a new item of {@code team}, as version {@code dataVersion}
     * ({@code reviewId} null: an item created by hand for an incident that had no review, version 2); answers the item id.
     */
    public static String overdueActionItem(String team, String service, String reviewId, int dataVersion) {
        String itemId = UUID.randomUUID().toString();
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("actionItemId", itemId);
        created.put("reviewId", reviewId);
        created.put("incidentId", UUID.randomUUID().toString());
        created.put("incidentNumber", "INC-7");
        created.put("severity", "SEV2");
        created.put("service", service);
        created.put("title", "Alert on queue depth");
        created.put("itemType", "DETECT");
        created.put("ownerTeam", team);
        created.put("owner", null);
        created.put("priority", "P2");
        created.put("dueDate", "2026-03-01");
        created.put("dueDateFromSla", true);
        created.put("by", "fatima");
        created.put("occurredAt", Instant.now().toString());
        publish("action-item-events", "action-item.created", itemId, created, dataVersion);
        Map<String, Object> overdue = new LinkedHashMap<>();
        overdue.put("actionItemId", itemId);
        overdue.put("reviewId", reviewId);
        overdue.put("dueDate", "2026-03-01");
        overdue.put("ownerTeam", team);
        overdue.put("owner", null);
        overdue.put("by", "system");
        overdue.put("occurredAt", Instant.now().toString());
        publish("action-item-events", "action-item.overdue", itemId, overdue, dataVersion);
        return itemId;
    }

    public static List<String> types(String... types) {
        return List.of(types);
    }
}
