package dev.incidentlifecycle.eventstore.relay;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Publishes a batch of events as one Kafka transaction. An event Kafka can never accept (larger than the
 * producer's {@code max.request.size} or the topic's {@code max.message.bytes}) fails its transaction: the
 * transaction is aborted, the event is set aside (handed to {@link SetAsideLog} before anything after it is
 * committed), and the batch is sent again without it. Any other failure is thrown: the relay starts over.
 */
final class BatchPublisher {

    /** Where set-aside events are recorded; must be durable when it returns. */
    interface SetAsideLog {
        void record(List<SetAside> events) throws Exception;
    }

    private final KafkaProducer<String, byte[]> producer;
    private final RelayConfig config;
    private final SetAsideLog setAsideLog;

    BatchPublisher(KafkaProducer<String, byte[]> producer, RelayConfig config, SetAsideLog setAsideLog) {
        this.producer = producer;
        this.config = config;
        this.setAsideLog = setAsideLog;
    }

    /**
     * The relay's producer settings: the service's Kafka client settings ({@code kafka.*}: servers, security
     * protocol, SASL, TLS), with the relay's own on top. The benchmark's raw producer uses the same.
     */
    static Map<String, Object> producerSettings(Map<String, Object> kafka, String transactionalId) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
        return props;
    }

    static KafkaProducer<String, byte[]> producer(Map<String, Object> kafka, String transactionalId) {
        return new KafkaProducer<>(producerSettings(kafka, transactionalId), new StringSerializer(), new ByteArraySerializer());
    }

    /** Returns the events that were set aside instead of published. */
    List<SetAside> publish(List<LogEvent> batch) throws Exception {
        List<LogEvent> pending = new ArrayList<>(batch.size());
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(batch.size());
        for (LogEvent event : batch) {
            String topic = config.topics().get(event.streamType());
            if (topic != null) {
                pending.add(event);
                records.add(event.toRecord(topic, config.source()));
            }
        }
        List<SetAside> setAside = new ArrayList<>();
        while (!records.isEmpty()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
            producer.beginTransaction();
            try {
                for (ProducerRecord<String, byte[]> record : records) {
                    sent.add(producer.send(record));
                }
                producer.commitTransaction();
                return setAside;
            } catch (KafkaException e) {
                abort(e);
                List<SetAside> refused = refused(pending, sent);
                if (refused.isEmpty()) {
                    throw e;
                }
                setAsideLog.record(refused);
                setAside.addAll(refused);
                for (int i = sent.size() - 1; i >= 0; i--) {
                    if (cause(sent.get(i)) instanceof RecordTooLargeException) {
                        pending.remove(i);
                        records.remove(i);
                    }
                }
            }
        }
        return setAside;
    }

    private void abort(KafkaException failure) {
        try {
            producer.abortTransaction();
        } catch (KafkaException abort) {
            // Fatal (e.g. fenced by a new relay): the caller closes this producer.
            failure.addSuppressed(abort);
            throw failure;
        }
    }

    /** After an abort every sent record's future is complete; the ones Kafka refused for their size. */
    private static List<SetAside> refused(List<LogEvent> pending, List<Future<RecordMetadata>> sent) {
        List<SetAside> refused = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            Throwable cause = cause(sent.get(i));
            if (cause instanceof RecordTooLargeException) {
                refused.add(new SetAside(pending.get(i), cause.getClass().getSimpleName() + ": " + cause.getMessage()));
            }
        }
        return refused;
    }

    private static Throwable cause(Future<RecordMetadata> future) {
        if (!future.isDone()) {
            return null;
        }
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
