package dev.incidentlifecycle.incidents.change;

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
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes the change events {@code POST /v2/change/enqueue} accepts onto {@code changes}, where they are stored like
 * any other record of the topic ({@link IncomingChanges}); the endpoint waits only for Kafka's acknowledgement
 * (acks=all). Each record is a CloudEvent in binary mode: a new {@code ce_id} (the change's id), the integration
 * as {@code ce_actor}, the service as key and {@code ce_subject}, the PagerDuty body without its routing key as data.
 */
@ApplicationScoped
public class ChangesTopic {

    public static final String TOPIC = "changes";
    public static final String TYPE = "change.event";
    public static final String SOURCE = "/incident-service/v2/change/enqueue";

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);

    private final Map<String, Object> kafka;
    private final Clock clock;
    private volatile KafkaProducer<String, byte[]> producer;

    /** {@code kafka}: the service's Kafka client settings ({@code kafka.*}: servers, security), as its consumers get them. */
    ChangesTopic(@Identifier("default-kafka-broker") Map<String, Object> kafka, Clock clock) {
        this.kafka = kafka;
        this.clock = clock;
    }

    /** Writes one change and waits until Kafka has acknowledged it (blocking); {@link NotWritten} when it does not in time. */
    public void write(String service, Map<String, Object> body, String actor) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, "ce_specversion", "1.0");
        header(headers, "ce_id", UUID.randomUUID().toString());
        header(headers, "ce_type", TYPE);
        header(headers, "ce_source", SOURCE);
        header(headers, "ce_subject", service);
        header(headers, "ce_time", DateTimeFormatter.ISO_INSTANT.format(clock.instant()));
        header(headers, "ce_actor", actor);
        header(headers, "content-type", "application/json");
        header(headers, TraceParent.HEADER, TraceParent.current());
        try {
            producer().send(new ProducerRecord<>(TOPIC, null, service, json(body), headers))
                    .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotWritten(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new NotWritten(e instanceof ExecutionException ? e.getCause() : e);
        }
    }

    /** Kafka did not acknowledge the change: the sender should retry (HTTP 503). */
    public static class NotWritten extends RuntimeException {
        NotWritten(Throwable cause) {
            super("the changes topic did not acknowledge the write: " + cause, cause);
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
                    props.put(ProducerConfig.CLIENT_ID_CONFIG, "incident-service-changes");
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
            throw new IllegalStateException("cannot write a change event as JSON", e);
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
