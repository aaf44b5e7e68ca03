package dev.incidentlifecycle.eventstore.relay;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The furthest log position already committed to the relay's topics, from the {@code relay-position} headers of
 * their last records. A position is trusted only when it is one of this log (the record's event id is stored at
 * that place): a topic may also hold records of another log — a restored or re-created database, another
 * environment's relay — whose positions, trusted, would make the relay skip events.
 */
final class PublishedPosition {

    private static final Logger LOG = Logger.getLogger(PublishedPosition.class);
    /** Foreign records looked at per partition before giving up on it: the checkpoint then decides (never skips). */
    private static final int MAX_CANDIDATES = 200;

    /** What a record says it is: a position and the event id at it. */
    record Mark(LogPosition position, String eventId) {
    }

    interface Log {
        boolean isPositionOf(LogPosition position, String eventId);
    }

    private PublishedPosition() {
    }

    /** {@code kafka}: the service's Kafka client settings ({@code kafka.*}: servers, security protocol, SASL, TLS). */
    static LogPosition furthest(Map<String, Object> kafka, Collection<String> topics, Log log) {
        LogPosition furthest = LogPosition.START;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerSettings(kafka), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics.stream().distinct().toList()) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos != null) {
                    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
            }
            // Assigned first: a read_committed consumer asking offsets of partitions it is not assigned logs a warning each.
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, Duration.ofSeconds(10));
            for (LogPosition last : lastTrusted(consumer, partitions, begins, ends, log)) {
                furthest = furthest.max(last);
            }
        }
        return furthest;
    }

    /** The service's Kafka client settings for a consumer that reads assigned partitions and joins no group. */
    static Map<String, Object> consumerSettings(Map<String, Object> kafka) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return props;
    }

    /**
     * Reads every partition backwards in growing windows until a committed record of this log is found in it:
     * the tail of a partition may hold transaction markers and aborted records, which read_committed skips, and
     * foreign records.
     */
    private static List<LogPosition> lastTrusted(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
                                                 Map<TopicPartition, Long> begins, Map<TopicPartition, Long> ends, Log log) {
        List<LogPosition> found = new ArrayList<>();
        Map<TopicPartition, Map<LogPosition, Boolean>> checked = new HashMap<>();
        List<TopicPartition> open = new ArrayList<>(partitions.stream().filter(p -> ends.get(p) > begins.get(p)).toList());
        for (long window = 16; !open.isEmpty(); window *= 4) {
            consumer.assign(open);
            for (TopicPartition partition : open) {
                consumer.seek(partition, Math.max(begins.get(partition), ends.get(partition) - window));
            }
            Map<TopicPartition, List<Mark>> marks = read(consumer, open, ends);
            for (Iterator<TopicPartition> it = open.iterator(); it.hasNext(); ) {
                TopicPartition partition = it.next();
                Map<LogPosition, Boolean> seen = checked.computeIfAbsent(partition, p -> new HashMap<>());
                LogPosition trusted = firstTrusted(partition, marks.getOrDefault(partition, List.of()), seen, log);
                if (trusted != null) {
                    found.add(trusted);
                    it.remove();
                } else if (ends.get(partition) - window <= begins.get(partition) || seen.size() >= MAX_CANDIDATES) {
                    if (seen.size() >= MAX_CANDIDATES) {
                        LOG.warnf("%s: no position of this log among its last %d; relying on the checkpoint", partition, seen.size());
                    }
                    it.remove();
                }
            }
        }
        return found;
    }

    private static LogPosition firstTrusted(TopicPartition partition, List<Mark> marks, Map<LogPosition, Boolean> seen, Log log) {
        List<Mark> newestFirst = new ArrayList<>(marks);
        newestFirst.sort(Comparator.comparing(Mark::position).reversed());
        for (Mark mark : newestFirst) {
            Boolean ours = seen.get(mark.position());
            if (ours == null) {
                if (seen.size() >= MAX_CANDIDATES) {
                    return null;
                }
                ours = log.isPositionOf(mark.position(), mark.eventId());
                seen.put(mark.position(), ours);
                if (!ours) {
                    LOG.warnf("%s holds relay position %s (event %s) that is not one of this log; ignoring it",
                            partition, mark.position(), mark.eventId());
                }
            }
            if (ours) {
                return mark.position();
            }
        }
        return null;
    }

    private static Map<TopicPartition, List<Mark>> read(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
                                                         Map<TopicPartition, Long> ends) {
        Map<TopicPartition, List<Mark>> marks = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                String position = header(record, LogPosition.HEADER);
                if (position == null) {
                    continue;
                }
                try {
                    marks.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), p -> new ArrayList<>())
                            .add(new Mark(LogPosition.parse(position), header(record, "ce_id")));
                } catch (RuntimeException unreadable) {
                    LOG.warnf("%s-%d offset %d: unreadable relay position '%s'; ignoring it",
                            record.topic(), record.partition(), record.offset(), position);
                }
            }
        }
        return marks;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
