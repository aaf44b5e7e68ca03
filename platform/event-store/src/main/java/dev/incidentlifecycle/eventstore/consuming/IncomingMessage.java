package dev.incidentlifecycle.eventstore.consuming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.eventstore.TraceParent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A Kafka record as a consumer sees it: a CloudEvent in binary mode (attributes in {@code ce_*} headers),
 * a CloudEvent in structured mode ({@code application/cloudevents+json}), or plain JSON.
 *
 * @param id      the CloudEvent id, or {@code topic/partition/offset} for plain JSON: what the inbox remembers
 * @param type    the CloudEvent type, null for plain JSON
 * @param subject the CloudEvent subject (the aggregate id), else the record key
 * @param data    the JSON data
 * @param traceParent the record's W3C {@code traceparent} header, or null: the events it leads to carry it on
 */
public record IncomingMessage(String id, String type, String source, String subject, Instant time, String actor,
                              String correlationId, int dataVersion, JsonNode data, String topic, int partition, long offset,
                              String traceParent) {

    public static IncomingMessage from(ConsumerRecord<String, byte[]> record) {
        String position = record.topic() + "/" + record.partition() + "/" + record.offset();
        if (record.value() == null || record.value().length == 0) {
            throw new PoisonMessage("record " + position + " has no value");
        }
        JsonNode body;
        try {
            body = EventJson.mapper().readTree(record.value());
        } catch (JsonProcessingException e) {
            throw new PoisonMessage("value is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PoisonMessage("value is not readable: " + e.getMessage());
        }
        if (body == null || body.isMissingNode()) {
            throw new PoisonMessage("value is not JSON");
        }
        if (header(record, "ce_specversion") != null) {
            return new IncomingMessage(required(record, "ce_id"), required(record, "ce_type"), header(record, "ce_source"),
                    firstNonNull(header(record, "ce_subject"), record.key()), time(header(record, "ce_time")),
                    header(record, "ce_actor"), header(record, "ce_correlationid"),
                    version(header(record, "ce_dataversion")), body, record.topic(), record.partition(), record.offset(),
                    header(record, TraceParent.HEADER));
        }
        String contentType = header(record, "content-type");
        boolean structured = (contentType != null && contentType.startsWith("application/cloudevents+json"))
                || (body.isObject() && body.has("specversion") && body.has("id") && body.has("type"));
        if (structured) {
            if (!body.hasNonNull("id") || !body.hasNonNull("type") || !body.hasNonNull("source")) {
                throw new PoisonMessage("structured CloudEvent without id, type or source");
            }
            JsonNode data = body.get("data");
            if (data == null && body.hasNonNull("data_base64")) {
                throw new PoisonMessage("CloudEvent data_base64 is not supported; send JSON data");
            }
            return new IncomingMessage(body.get("id").asText(), body.get("type").asText(), body.get("source").asText(),
                    firstNonNull(text(body, "subject"), record.key()), time(text(body, "time")), text(body, "actor"),
                    text(body, "correlationid"), version(text(body, "dataversion")),
                    data == null ? EventJson.mapper().createObjectNode() : data, record.topic(), record.partition(), record.offset(),
                    header(record, TraceParent.HEADER));
        }
        return new IncomingMessage(position, null, null, record.key(), null, null, null, 1, body,
                record.topic(), record.partition(), record.offset(), header(record, TraceParent.HEADER));
    }

    /** The same message continuing another trace (the consumer's span of it). */
    public IncomingMessage withTraceParent(String other) {
        return new IncomingMessage(id, type, source, subject, time, actor, correlationId, dataVersion, data, topic,
                partition, offset, other);
    }

    /**
     * This message, if its data version is one the consumer was written for: 1 up to {@code newest}. Any other is
     * poison (its shape is unknown here): the consumer dead-letters it with the version it met, and a replay skips it.
     */
    public IncomingMessage requireDataVersionUpTo(int newest) {
        if (dataVersion < 1 || dataVersion > newest) {
            throw new PoisonMessage("version " + dataVersion + " of " + type + " is unknown here (known: "
                    + (newest == 1 ? "1" : "1 to " + newest) + ")");
        }
        return this;
    }

    /** The data as an object; anything else is poison. */
    public ObjectNode object() {
        if (!data.isObject()) {
            throw new PoisonMessage("data is " + data.getNodeType().name().toLowerCase() + ", not a JSON object");
        }
        return (ObjectNode) data;
    }

    /** Reads the data as {@code type}; a shape that does not fit is poison. */
    public <T> T as(Class<T> type) {
        try {
            return EventJson.mapper().treeToValue(data, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PoisonMessage("data does not fit " + type.getSimpleName() + ": "
                    + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String required(ConsumerRecord<?, ?> record, String name) {
        String value = header(record, name);
        if (value == null || value.isBlank()) {
            throw new PoisonMessage("CloudEvent without " + name);
        }
        return value;
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    private static Instant time(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new PoisonMessage("CloudEvent time is not RFC 3339: " + value);
        }
    }

    private static int version(String value) {
        if (value == null) {
            return 1;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new PoisonMessage("CloudEvent dataversion is not a number: " + value);
        }
    }
}
