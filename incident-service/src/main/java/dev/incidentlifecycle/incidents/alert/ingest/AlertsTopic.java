package dev.incidentlifecycle.incidents.alert.ingest;

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
 * Writes the signals the HTTP endpoints accept onto {@code alerts}, where they are handled like any other
 * record: the topic absorbs alert storms, the endpoints only wait for Kafka's acknowledgement (acks=all) before
 * answering. Nothing is written to the database here, so this is not a dual write.
 *
 * <p>Each record is a CloudEvent in binary mode: a new {@code ce_id} (the consumer's inbox key), the endpoint
 * as {@code ce_source}, the dedup key as Kafka key and {@code ce_subject}, the PagerDuty body as data.
 */
@ApplicationScoped
public class AlertsTopic {

    public static final String TOPIC = "alerts";
    public static final String TYPE = "alert.signal";
    public static final String EVENTS_API_SOURCE = "/incident-service/v2/enqueue";
    public static final String ALERTMANAGER_SOURCE = "/incident-service/webhooks/alertmanager";
    public static final String OPSGENIE_SOURCE = "/incident-service/v2/alerts";

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);

    private final Map<String, Object> kafka;
    private final Clock clock;
    private volatile KafkaProducer<String, byte[]> producer;

    /** {@code kafka}: the service's Kafka client settings ({@code kafka.*}: servers, security), as its consumers get them. */
    AlertsTopic(@Identifier("default-kafka-broker") Map<String, Object> kafka, Clock clock) {
        this.kafka = kafka;
        this.clock = clock;
    }

    /** One signal to write: its dedup key and its PagerDuty Events API v2 body. */
    public record Signal(String dedupKey, Map<String, Object> body) {
    }

    /**
     * Writes the signals and waits until Kafka has acknowledged every one (blocking: call it from a worker
     * thread). Throws {@link NotWritten} when the broker does not acknowledge them in time.
     */
    public void write(List<Signal> signals, String source, String actor) {
        KafkaProducer<String, byte[]> kafka = producer();
        String time = DateTimeFormatter.ISO_INSTANT.format(clock.instant());
        // The request's span: the alert's trace starts here and follows it through every service.
        String traceParent = TraceParent.current();
        List<Future<?>> sent = new ArrayList<>(signals.size());
        for (Signal signal : signals) {
            RecordHeaders headers = new RecordHeaders();
            header(headers, "ce_specversion", "1.0");
            header(headers, "ce_id", UUID.randomUUID().toString());
            header(headers, "ce_type", TYPE);
            header(headers, "ce_source", source);
            header(headers, "ce_subject", signal.dedupKey());
            header(headers, "ce_time", time);
            header(headers, "ce_actor", actor);
            header(headers, "content-type", "application/json");
            header(headers, TraceParent.HEADER, traceParent);
            sent.add(kafka.send(new ProducerRecord<>(TOPIC, null, signal.dedupKey(), json(signal.body()), headers)));
        }
        long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
        try {
            for (Future<?> ack : sent) {
                ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotWritten(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new NotWritten(e instanceof ExecutionException ? e.getCause() : e);
        }
    }

    /** Kafka did not acknowledge the signals: the sender should retry (HTTP 503). */
    public static class NotWritten extends RuntimeException {
        NotWritten(Throwable cause) {
            super("the alerts topic did not acknowledge the write: " + cause, cause);
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
            throw new IllegalStateException("cannot write an alert body as JSON", e);
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
