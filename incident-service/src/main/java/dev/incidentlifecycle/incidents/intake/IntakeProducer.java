package dev.incidentlifecycle.incidents.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.eventstore.TraceParent;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one Kafka producer of incident-service's HTTP intakes: what an endpoint accepts goes onto a topic, where it is
 * handled like any other record of it; the endpoint waits only for Kafka's acknowledgement (acks=all). Nothing is
 * written to the database here, so this is not a dual write.
 *
 * <p>Each record is a CloudEvent in binary mode: a new {@code ce_id} (the consumer's inbox key), the endpoint as
 * {@code ce_source}, the sender as {@code ce_actor}, the record's key as {@code ce_subject}, the JSON body as data,
 * and the request's trace.
 */
@ApplicationScoped
public class IntakeProducer {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);

    private final Map<String, Object> kafka;
    private final Clock clock;
    private volatile KafkaProducer<String, byte[]> producer;

    /** {@code kafka}: the service's Kafka client settings ({@code kafka.*}: servers, security), as its consumers get them. */
    IntakeProducer(@Identifier("default-kafka-broker") Map<String, Object> kafka, Clock clock) {
        this.kafka = kafka;
        this.clock = clock;
    }

    /** One record to write: its key (also the CloudEvent's subject) and its JSON body. */
    public record Intake(String key, Map<String, Object> body) {
    }

    /** What a record is: its topic, CloudEvent type and source (the endpoint). */
    public record Kind(String topic, String type, String source) {
    }

    /**
     * Writes the records and waits until Kafka has acknowledged every one (blocking: call it from a worker thread).
     * Throws {@link NotWritten} when the broker does not acknowledge them in time.
     */
    public void write(Kind kind, String actor, List<Intake> records) {
        KafkaProducer<String, byte[]> kafka = producer();
        String time = DateTimeFormatter.ISO_INSTANT.format(clock.instant());
        // The request's span: the record's trace starts here and follows it through every service.
        String traceParent = TraceParent.current();
        List<Future<?>> sent = new ArrayList<>(records.size());
        for (Intake record : records) {
            RecordHeaders headers = new RecordHeaders();
            header(headers, "ce_specversion", "1.0");
            header(headers, "ce_id", UUID.randomUUID().toString());
            header(headers, "ce_type", kind.type());
            header(headers, "ce_source", kind.source());
            header(headers, "ce_subject", record.key());
            header(headers, "ce_time", time);
            header(headers, "ce_actor", actor);
            header(headers, "content-type", "application/json");
            header(headers, TraceParent.HEADER, traceParent);
            sent.add(kafka.send(new ProducerRecord<>(kind.topic(), null, record.key(), json(record.body()), headers)));
        }
        long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
        try {
            for (Future<?> ack : sent) {
                ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotWritten(kind.topic(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new NotWritten(kind.topic(), e instanceof ExecutionException ? e.getCause() : e);
        }
    }

    /** Kafka did not acknowledge the records: the sender should retry (HTTP 503). */
    public static class NotWritten extends RuntimeException {
        NotWritten(String topic, Throwable cause) {
            super("the " + topic + " topic did not acknowledge the write: " + cause, cause);
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> known = producer;
        if (known == null) {
            synchronized (this) {
                if (producer == null) {
                    Map<String, Object> props = new HashMap<>(kafka);
                    props.put(ProducerConfig.ACKS_CONFIG, "all");
                    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
                    props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
                    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
                    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "12000");
                    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
                    props.put(ProducerConfig.CLIENT_ID_CONFIG, "incident-service-ingest");
                    producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
                }
                known = producer;
            }
        }
        return known;
    }

    void close(@Observes ShutdownEvent shutdown) {
        KafkaProducer<String, byte[]> known = producer;
        if (known != null) {
            known.close(Duration.ofSeconds(5));
        }
    }

    private static byte[] json(Map<String, Object> body) {
        try {
            return EventJson.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a record body as JSON", e);
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
