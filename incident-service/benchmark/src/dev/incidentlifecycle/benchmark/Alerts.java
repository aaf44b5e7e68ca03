package dev.incidentlifecycle.benchmark;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;

/** PagerDuty Events API v2 trigger bodies as a sender writes them to {@code alerts}: plain JSON, key = dedup key. */
final class Alerts {

    private Alerts() {
    }

    /** A trigger; the service is {@code payload.component} (incident-service's declaration policy). */
    static byte[] trigger(String dedupKey, String severity, String service, String summary) {
        return ("{\"event_action\":\"trigger\",\"dedup_key\":\"" + dedupKey + "\",\"payload\":{\"summary\":\"" + summary
                + "\",\"source\":\"host-1.example.com\",\"severity\":\"" + severity + "\",\"component\":\"" + service
                + "\",\"group\":\"benchmark\",\"class\":\"latency\",\"custom_details\":{\"p99_ms\":2150,\"region\":\"eu-west-1\"}}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static ProducerRecord<String, byte[]> record(String dedupKey, String severity, String service, String summary) {
        return new ProducerRecord<>(RunningSystem.ALERTS, dedupKey, trigger(dedupKey, severity, service, summary));
    }

    /** The partition Kafka's default partitioner picks for a key (murmur2), so a test can put one key on each. */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** Sends every record and waits until the broker has acknowledged all of them. */
    static void sendAll(KafkaProducer<String, byte[]> producer, List<ProducerRecord<String, byte[]>> records) throws Exception {
        List<Future<?>> acks = new ArrayList<>(records.size());
        for (ProducerRecord<String, byte[]> record : records) {
            acks.add(producer.send(record));
        }
        for (Future<?> ack : acks) {
            ack.get();
        }
    }
}
