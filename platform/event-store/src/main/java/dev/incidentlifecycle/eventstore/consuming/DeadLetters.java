package dev.incidentlifecycle.eventstore.consuming;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes records that can never be handled to {@code <topic>.dlq}: the same key, value and headers, plus
 * {@code dead-letter-reason}, {@code dead-letter-cause}, {@code dead-letter-topic}, {@code dead-letter-partition}
 * and {@code dead-letter-offset}. A dead letter is written (and acknowledged by the broker) before the position
 * that passes over its record commits, so none is lost; a crash in between can write it twice.
 */
final class DeadLetters implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final KafkaProducer<String, byte[]> producer;
    private final MeterRegistry meters;

    DeadLetters(Map<String, Object> kafka, String clientId, MeterRegistry meters) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.meters = meters;
    }

    void send(Subscription subscription, ConsumerRecord<String, byte[]> record, String reason, Throwable cause)
            throws InterruptedException, ExecutionException, TimeoutException {
        LOG.warnf("dead-lettering %s/%d/%d: %s", record.topic(), record.partition(), record.offset(), reason);
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        header(headers, "dead-letter-reason", reason);
        header(headers, "dead-letter-cause", cause == null ? null : cause.getClass().getName());
        header(headers, "dead-letter-topic", record.topic());
        header(headers, "dead-letter-partition", Integer.toString(record.partition()));
        header(headers, "dead-letter-offset", Long.toString(record.offset()));
        producer.send(new ProducerRecord<>(subscription.deadLetterTopic(), null, record.key(), record.value(), headers))
                .get(30, TimeUnit.SECONDS);
        Counter.builder("messages_dead_lettered").description("Records moved to their topic's dead-letter topic")
                .tag("topic", record.topic()).register(meters).increment();
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
