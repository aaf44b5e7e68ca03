package dev.incidentlifecycle.eventstore.relay;

import dev.incidentlifecycle.eventstore.TraceParent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** One event as the relay reads it from the log. */
record LogEvent(LogPosition position, String eventId, String streamType, String streamId, long streamVersion,
                String type, int typeVersion, String payload, String actor, OffsetDateTime occurredAt,
                OffsetDateTime recordedAt, String correlationId, String causationId, String traceParent) {

    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    /** A CloudEvents 1.0 record in Kafka binary mode. */
    ProducerRecord<String, byte[]> toRecord(String topic, String source) {
        String aggregateId = streamId.substring(streamType.length() + 1);
        RecordHeaders headers = new RecordHeaders();
        header(headers, "ce_specversion", "1.0");
        header(headers, "ce_id", eventId);
        header(headers, "ce_source", source);
        header(headers, "ce_type", type);
        header(headers, "ce_subject", aggregateId);
        header(headers, "ce_time", RFC3339.format(occurredAt));
        header(headers, "content-type", "application/json");
        header(headers, "ce_dataversion", Integer.toString(typeVersion));
        header(headers, "ce_sequence", Long.toString(streamVersion));
        header(headers, "ce_actor", actor);
        header(headers, "ce_recordedtime", RFC3339.format(recordedAt));
        header(headers, "ce_correlationid", correlationId);
        header(headers, "ce_causationid", causationId);
        header(headers, LogPosition.HEADER, position.toString());
        // The appending span's context: the consumer's span becomes its child, so the trace goes on.
        header(headers, TraceParent.HEADER, traceParent);
        return new ProducerRecord<>(topic, null, aggregateId, payload.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
