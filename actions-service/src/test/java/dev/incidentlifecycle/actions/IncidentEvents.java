package dev.incidentlifecycle.actions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentlifecycle.eventstore.EventJson;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One incident's events as incident-service's relay publishes them on {@code incident-events}: CloudEvents in binary
 * mode, key and subject = incident id, with the whole payload as data, of which actions-service reads only a part.
 */
public final class IncidentEvents {

    public static final String TOPIC = "incident-events";

    private final UUID incidentId;
    private final String number;
    private String severity = "SEV3";

    private IncidentEvents(UUID incidentId) {
        this.incidentId = incidentId;
        this.number = "INC-" + (10_000 + Math.abs(incidentId.hashCode() % 90_000));
    }

    public static IncidentEvents incident() {
        return new IncidentEvents(UUID.randomUUID());
    }

    /** The events of an incident another fixture (a review's) names. */
    public static IncidentEvents of(UUID incidentId) {
        return new IncidentEvents(incidentId);
    }

    public IncidentEvents severity(String value) {
        severity = value;
        return this;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public String key() {
        return incidentId.toString();
    }

    public String number() {
        return number;
    }

    /** The {@code incident.declared} payload, as incident-service writes it. */
    public ObjectNode declaredData(Instant at) {
        ObjectNode data = EventJson.mapper().createObjectNode();
        data.put("incidentId", incidentId.toString());
        data.put("number", number);
        data.put("title", "Checkout latency above 2 s");
        data.put("severity", severity);
        data.put("service", "checkout");
        data.put("commander", "carla");
        data.put("declaredBy", "carla");
        data.put("declaredAt", at.toString());
        data.put("detectedAt", at.minusSeconds(300).toString());
        data.put("source", "MANUAL");
        data.putNull("groupingKey");
        return data;
    }

    /** Publishes {@code incident.declared}; returns its CloudEvent id. */
    public String declare(Instant at) {
        String id = UUID.randomUUID().toString();
        send(record("incident.declared", id, declaredData(at), at));
        return id;
    }

    /** Publishes {@code incident.severity-changed} to {@code to}. */
    public String changeSeverity(String to, Instant at) {
        ObjectNode data = EventJson.mapper().createObjectNode();
        data.put("incidentId", incidentId.toString());
        data.put("from", severity);
        data.put("to", to);
        data.put("reason", "More customers are affected than we thought");
        data.put("actor", "carla");
        data.put("occurredAt", at.toString());
        severity = to;
        return send("incident.severity-changed", data, at);
    }

    /** Publishes {@code incident.resolved}. */
    public String resolve(Instant at) {
        ObjectNode data = EventJson.mapper().createObjectNode();
        data.put("incidentId", incidentId.toString());
        data.put("reason", "Rolled back");
        data.put("actor", "carla");
        data.put("occurredAt", at.toString());
        return send("incident.resolved", data, at);
    }

    /** Publishes {@code incident.note-added}: nothing the copy keeps. */
    public String addNote(Instant at) {
        ObjectNode data = EventJson.mapper().createObjectNode();
        data.put("incidentId", incidentId.toString());
        data.put("noteId", UUID.randomUUID().toString());
        data.put("text", "Rollback started");
        data.put("author", "carla");
        data.put("occurredAt", at.toString());
        return send("incident.note-added", data, at);
    }

    private String send(String type, ObjectNode data, Instant at) {
        String id = UUID.randomUUID().toString();
        send(record(type, id, data, at));
        return id;
    }

    /** A CloudEvent of incident-service in binary mode, keyed by the incident id. */
    public ProducerRecord<String, byte[]> record(String type, String eventId, ObjectNode data, Instant time) {
        return cloudEvent(type, eventId, data.toString().getBytes(StandardCharsets.UTF_8), time, "1");
    }

    /** As {@link #record}, with any value and data version. */
    public ProducerRecord<String, byte[]> cloudEvent(String type, String eventId, byte[] value, Instant time, String dataVersion) {
        RecordHeaders headers = new RecordHeaders();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("ce_specversion", "1.0");
        attributes.put("ce_id", eventId);
        attributes.put("ce_source", "/incident-service");
        attributes.put("ce_type", type);
        attributes.put("ce_subject", key());
        attributes.put("ce_time", time.toString());
        attributes.put("ce_dataversion", dataVersion);
        attributes.put("ce_actor", "carla");
        attributes.put("content-type", "application/json");
        attributes.forEach((name, value1) -> headers.add(name, value1.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(TOPIC, null, key(), value, headers);
    }

    public static void send(ProducerRecord<String, byte[]> record) {
        ReviewOutcomes.send(record);
    }
}
