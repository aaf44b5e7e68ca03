package dev.incidentlifecycle.web.replay;

import dev.incidentlifecycle.eventsourcing.RuleViolation;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Whole topics, read from their first record: a group-less {@code read_committed} Kafka consumer assigned every
 * partition from offset 0 (so it needs no ACL beyond Read on the topics, and commits no offsets), read up to the
 * offsets it is given, and on from there when given further ones. Blocking, for one worker thread at a time.
 *
 * <p>Refuses (409) a topic with a partition that no longer starts at offset 0: retention deleted records before it,
 * and a read model replayed without them would silently lose what they told.
 */
final class TopicReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);
    /** The longest it waits for records it knows exist (a consumer has read them). */
    private static final Duration STALLED = Duration.ofMinutes(2);

    private final KafkaConsumer<String, byte[]> consumer;
    /** Each partition's next offset to read. */
    private final Map<TopicPartition, Long> next = new HashMap<>();

    TopicReader(Map<String, Object> kafka, String clientId, Collection<String> topics) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                for (PartitionInfo info : consumer.partitionsFor(topic)) {
                    partitions.add(new TopicPartition(info.topic(), info.partition()));
                }
            }
            consumer.assign(partitions);
            for (Map.Entry<TopicPartition, Long> first : consumer.beginningOffsets(partitions).entrySet()) {
                if (first.getValue() > 0) {
                    throw new RuleViolation(first.getKey().topic() + " partition " + first.getKey().partition() + " starts at offset "
                            + first.getValue() + ": retention deleted records before it, and a replay would lose what they told. "
                            + "Keep the topic without a time limit (retention.ms=-1) to replay it");
                }
                next.put(first.getKey(), 0L);
                consumer.seek(first.getKey(), 0L);
            }
        } catch (RuntimeException e) {
            consumer.close(Duration.ofSeconds(5));
            throw e;
        }
    }

    /**
     * Hands {@code each} every record before its partition's offset in {@code upTo} (a partition it does not name: 0)
     * that was not handed before, in each partition's order.
     */
    void readUpTo(Map<TopicPartition, Long> upTo, Consumer<ConsumerRecord<String, byte[]>> each) {
        Map<TopicPartition, Long> targets = new HashMap<>();
        for (TopicPartition partition : next.keySet()) {
            targets.put(partition, upTo.getOrDefault(partition, 0L));
            consumer.seek(partition, next.get(partition));
        }
        Instant lastProgress = Instant.now();
        while (behind(targets)) {
            boolean progressed = false;
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < next.get(partition) || record.offset() >= targets.get(partition)) {
                    continue;
                }
                each.accept(record);
                next.put(partition, record.offset() + 1);
                progressed = true;
            }
            for (TopicPartition partition : targets.keySet()) {
                // Transaction markers take offsets too: the consumer's position passes them.
                long position = Math.min(consumer.position(partition), targets.get(partition));
                if (position > next.get(partition)) {
                    next.put(partition, position);
                    progressed = true;
                }
            }
            if (progressed) {
                lastProgress = Instant.now();
            } else if (Duration.between(lastProgress, Instant.now()).compareTo(STALLED) > 0) {
                throw new IllegalStateException("reading " + targets.keySet() + " stalled before the offsets " + targets);
            }
        }
    }

    private boolean behind(Map<TopicPartition, Long> targets) {
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            if (next.get(target.getKey()) < target.getValue()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
