package dev.incidentlifecycle.testing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A whole topic read from its beginning as a {@code read_committed} subscriber would, for assertions:
 * poll it inside an Awaitility condition, then look at {@link #records()}.
 */
public final class KafkaTopic implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

    private KafkaTopic(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        if (partitions.isEmpty()) {
            consumer.close();
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    public static KafkaTopic readFromStart(String bootstrapServers, String topic) {
        return new KafkaTopic(bootstrapServers, topic);
    }

    public static KafkaTopic readFromStart(String topic) {
        return new KafkaTopic(RealInfrastructure.bootstrapServers(), topic);
    }

    /** Reads what arrived since the last poll; returns this, to chain {@link #records()}. */
    public synchronized KafkaTopic poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return this;
    }

    /** Everything read so far, in partition order. */
    public synchronized List<ConsumerRecord<String, byte[]>> records() {
        return List.copyOf(records);
    }

    /** The records read so far with this key. */
    public synchronized List<ConsumerRecord<String, byte[]>> withKey(String key) {
        return records.stream().filter(r -> key.equals(r.key())).toList();
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static String value(ConsumerRecord<?, byte[]> record) {
        return record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
