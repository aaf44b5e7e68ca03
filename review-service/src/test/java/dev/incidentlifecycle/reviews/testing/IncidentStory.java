package dev.incidentlifecycle.reviews.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.incidentlifecycle.eventstore.EventJson;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One incident's events on {@code incident-events}, as incident-service's relay publishes them: CloudEvents in
 * binary mode (ce_id, ce_type, ce_source, ce_subject = incident id, ce_time, ce_actor), key = incident id, and
 * the payloads of incident-service's event records (all their fields, including ones review-service ignores).
 */
public final class IncidentStory {

    public static final String TOPIC = "incident-events";

    private final UUID id = UUID.randomUUID();
    private final String number = "INC-" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
    private final String title;
    private final String service;
    private final String correlationId = UUID.randomUUID().toString();
    private long sequence;

    private IncidentStory(String title, String service) {
        this.title = title;
        this.service = service;
    }

    public static IncidentStory about(String title, String service) {
        return new IncidentStory(title, service);
    }

    public UUID id() {
        return id;
    }

    public String number() {
        return number;
    }

    public String title() {
        return title;
    }

    public ProducerRecord<String, byte[]> declared(String severity, String commander, String declaredBy, Instant at) {
        Map<String, Object> data = payload();
        data.put("number", number);
        data.put("title", title);
        data.put("severity", severity);
        data.put("service", service);
        data.put("commander", commander);
        data.put("declaredBy", declaredBy);
        data.put("declaredAt", at.toString());
        data.put("detectedAt", at.minusSeconds(300).toString());
        data.put("source", "MANUAL");
        return event("incident.declared", declaredBy, at, data);
    }

    public ProducerRecord<String, byte[]> acknowledged(String by, Instant at) {
        return step("incident.acknowledged", by, at, null, false);
    }

    public ProducerRecord<String, byte[]> roleAssigned(String role, String person, String previousPerson, String by, Instant at) {
        Map<String, Object> data = payload();
        data.put("role", role);
        data.put("person", person);
        data.put("previousPerson", previousPerson);
        return actorAndTime(data, "incident.role-assigned", by, at);
    }

    public ProducerRecord<String, byte[]> responderJoined(String person, Instant at) {
        Map<String, Object> data = payload();
        data.put("person", person);
        return actorAndTime(data, "incident.responder-joined", person, at);
    }

    public ProducerRecord<String, byte[]> severityChanged(String from, String to, String by, Instant at) {
        Map<String, Object> data = payload();
        data.put("from", from);
        data.put("to", to);
        data.put("reason", "impact reassessed");
        return actorAndTime(data, "incident.severity-changed", by, at);
    }

    public ProducerRecord<String, byte[]> noteAdded(String text, String author, Instant at) {
        Map<String, Object> data = payload();
        data.put("noteId", UUID.randomUUID().toString());
        data.put("text", text);
        data.put("author", author);
        data.put("occurredAt", at.toString());
        return event("incident.note-added", author, at, data);
    }

    /** A correction of the title, summary and service (PATCH /incidents/{id} in incident-service). */
    public ProducerRecord<String, byte[]> edited(String newTitle, String summary, String newService, String by, Instant at) {
        Map<String, Object> data = payload();
        data.put("changed", java.util.List.of("title", "summary", "service"));
        data.put("title", newTitle);
        data.put("summary", summary);
        data.put("service", newService);
        return actorAndTime(data, "incident.edited", by, at);
    }

    public ProducerRecord<String, byte[]> mitigated(String by, Instant at) {
        return step("incident.mitigated", by, at, null, false);
    }

    public ProducerRecord<String, byte[]> resolved(String by, Instant at) {
        return step("incident.resolved", by, at, null, true);
    }

    public ProducerRecord<String, byte[]> reopened(String by, String reason, Instant at) {
        return step("incident.reopened", by, at, reason, true);
    }

    public ProducerRecord<String, byte[]> merged(String intoNumber, String by, Instant at) {
        Map<String, Object> data = payload();
        data.put("into", UUID.randomUUID().toString());
        data.put("intoNumber", intoNumber);
        data.put("alertCount", 0);
        data.put("reason", "duplicate");
        return actorAndTime(data, "incident.merged", by, at);
    }

    /** The same record again, as an at-least-once relay may deliver it. */
    public static ProducerRecord<String, byte[]> again(ProducerRecord<String, byte[]> record) {
        return new ProducerRecord<>(record.topic(), null, record.key(), record.value(), new RecordHeaders(record.headers().toArray()));
    }

    public static String ceId(ProducerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
    }

    private ProducerRecord<String, byte[]> step(String type, String by, Instant at, String reason, boolean withReason) {
        Map<String, Object> data = payload();
        if (withReason) {
            data.put("reason", reason);
        }
        return actorAndTime(data, type, by, at);
    }

    private ProducerRecord<String, byte[]> actorAndTime(Map<String, Object> data, String type, String by, Instant at) {
        data.put("actor", by);
        data.put("occurredAt", at.toString());
        return event(type, by, at, data);
    }

    private Map<String, Object> payload() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("incidentId", id.toString());
        return data;
    }

    private ProducerRecord<String, byte[]> event(String type, String actor, Instant at, Map<String, Object> data) {
        sequence++;
        RecordHeaders headers = new RecordHeaders();
        header(headers, "ce_specversion", "1.0");
        header(headers, "ce_id", UUID.randomUUID().toString());
        header(headers, "ce_source", "/incident-service");
        header(headers, "ce_type", type);
        header(headers, "ce_subject", id.toString());
        header(headers, "ce_time", at.toString());
        header(headers, "content-type", "application/json");
        header(headers, "ce_dataversion", "1");
        header(headers, "ce_sequence", Long.toString(sequence));
        header(headers, "ce_actor", actor);
        header(headers, "ce_recordedtime", at.toString());
        header(headers, "ce_correlationid", correlationId);
        return new ProducerRecord<>(TOPIC, null, id.toString(), json(data), headers);
    }

    static void header(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    static byte[] json(Object value) {
        try {
            return EventJson.mapper().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
