package dev.incidentlifecycle.actions.replay;

import dev.incidentlifecycle.eventsourcing.RuleViolation;
import dev.incidentlifecycle.eventstore.consuming.IncomingMessage;
import dev.incidentlifecycle.eventstore.consuming.PoisonMessage;
import dev.incidentlifecycle.eventstore.consuming.Subscription;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Rebuilds a {@link TopicReadModel} by replaying its topic from the first record, with the very reading the consumer
 * does ({@link TopicReadModel#read}). The bulk of the topic is read while the consumer goes on; then one transaction
 * locks the model's table (the consumer's writes to it wait), reads how far the consumer has got (its stored
 * positions), replays the rest up to there and replaces the rows. The copy then holds exactly what the consumer's
 * records up to its positions told, and the consumer continues from them. Senders' repeated ids are skipped as the
 * inbox skips them, poison is skipped as the consumer dead-letters it.
 *
 * <p>Refused (409) while another replay of the same model runs, and when the topic no longer starts at offset 0:
 * records deleted by retention would be lost from the copy. The rows are held in memory during the replay: one small
 * row per review or incident.
 */
@ApplicationScoped
public class TopicReplay {

    private static final Logger LOG = Logger.getLogger(TopicReplay.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** The longest a replay waits for records it knows exist (the consumer has read them). */
    private static final Duration STALLED = Duration.ofMinutes(2);

    private final Mutiny.SessionFactory sessions;
    private final Map<String, Object> kafka;
    private final Vertx vertx;
    /** The models being replayed now, by name. */
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    TopicReplay(Mutiny.SessionFactory sessions, @Identifier("default-kafka-broker") Map<String, Object> kafka, Vertx vertx) {
        this.sessions = sessions;
        this.kafka = kafka;
        this.vertx = vertx;
    }

    /** What a replay did: the records it read from the topic, and the rows it swapped in. */
    public record Replayed(String readModel, String topic, long recordsRead, int rows, long millis) {
    }

    public <R> Uni<Replayed> replay(TopicReadModel<R> model) {
        if (!running.add(model.name())) {
            return Uni.createFrom().failure(new RuleViolation("read model " + model.name() + " is being replayed already"));
        }
        Instant start = Instant.now();
        Subscription subscription = model.subscription();
        Reading<R> reading = new Reading<>(model);
        return inSession(session -> positions(session, subscription))
                .flatMap(upTo -> vertx.executeBlocking(Uni.createFrom().item(() -> reading.upTo(upTo))))
                .flatMap(bulk -> inSession(session -> session.withTransaction(tx -> session
                        .createNativeQuery("lock table " + model.table() + " in exclusive mode").executeUpdate()
                        .flatMap(v -> positions(session, subscription))
                        .flatMap(upTo -> vertx.executeBlocking(Uni.createFrom().item(() -> reading.upTo(upTo))))
                        .flatMap(v -> session.createNativeQuery("delete from " + model.table()).executeUpdate())
                        .flatMap(v -> model.write(session, List.copyOf(reading.rows.values()))))))
                .map(v -> new Replayed(model.name(), subscription.topic(), reading.read, reading.rows.size(),
                        Duration.between(start, Instant.now()).toMillis()))
                .invoke(done -> LOG.infof("replayed %s from %s: %d records, %d rows, %d ms", done.readModel(), done.topic(),
                        done.recordsRead(), done.rows(), done.millis()))
                .onTermination().call(() -> vertx.executeBlocking(Uni.createFrom().item(() -> {
                    reading.close();
                    return reading;
                })).onTermination().invoke(() -> running.remove(model.name())));
    }

    private <T> Uni<T> inSession(Function<Mutiny.Session, Uni<T>> work) {
        return sessions.openSession().flatMap(session -> Uni.createFrom().deferred(() -> work.apply(session))
                .onTermination().call(session::close));
    }

    /** How far the consumer has got in each partition: its next offset (a partition without a row: nothing read). */
    private static Uni<Map<Integer, Long>> positions(Mutiny.Session session, Subscription subscription) {
        return session.createNativeQuery("select partition, next_offset from consumer_position "
                        + "where consumer = cast(?1 as text) and topic = cast(?2 as text)", Object[].class)
                .setParameter(1, subscription.consumer())
                .setParameter(2, subscription.topic())
                .getResultList()
                .map(rows -> {
                    Map<Integer, Long> positions = new HashMap<>();
                    for (Object[] row : rows) {
                        positions.put(((Number) row[0]).intValue(), ((Number) row[1]).longValue());
                    }
                    return positions;
                });
    }

    /** The topic read so far, and the rows it told. Used from one worker thread at a time. */
    private final class Reading<R> {
        final TopicReadModel<R> model;
        final String topic;
        final Map<Object, R> rows = new LinkedHashMap<>();
        final Set<String> ids = new HashSet<>();
        final Map<TopicPartition, Long> next = new HashMap<>();
        long read;
        private KafkaConsumer<String, byte[]> consumer;

        Reading(TopicReadModel<R> model) {
            this.model = model;
            this.topic = model.subscription().topic();
        }

        /** Reads every partition up to (not including) its offset in {@code upTo}. */
        Reading<R> upTo(Map<Integer, Long> upTo) {
            if (consumer == null) {
                open();
            }
            Map<TopicPartition, Long> targets = new HashMap<>();
            for (TopicPartition partition : next.keySet()) {
                targets.put(partition, upTo.getOrDefault(partition.partition(), 0L));
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
                    apply(record);
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
                    throw new IllegalStateException("the replay of " + topic + " stalled before the consumer's positions " + targets);
                }
            }
            return this;
        }

        private boolean behind(Map<TopicPartition, Long> targets) {
            for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
                if (next.get(target.getKey()) < target.getValue()) {
                    return true;
                }
            }
            return false;
        }

        private void open() {
            Map<String, Object> config = new HashMap<>(kafka);
            config.remove(ConsumerConfig.GROUP_ID_CONFIG);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, "replay-" + model.name());
            consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
            consumer.assign(partitions);
            for (Map.Entry<TopicPartition, Long> first : consumer.beginningOffsets(partitions).entrySet()) {
                if (first.getValue() > 0) {
                    throw new RuleViolation(topic + " partition " + first.getKey().partition() + " starts at offset "
                            + first.getValue() + ": retention deleted records before it, and a replay would lose what they told. "
                            + "Keep the topic without a time limit (retention.ms=-1) to replay it");
                }
                next.put(first.getKey(), 0L);
                consumer.seek(first.getKey(), 0L);
            }
        }

        /** As the consumer reads a record: poison and repeated ids change nothing. */
        private void apply(ConsumerRecord<String, byte[]> record) {
            read++;
            try {
                IncomingMessage message = IncomingMessage.from(record);
                if (message.type() == null) {
                    return;
                }
                TopicReadModel.News<R> news = model.read(message);
                if (news == null || !ids.add(message.id())) {
                    return;
                }
                Instant at = message.time() != null ? message.time() : Instant.ofEpochMilli(record.timestamp());
                R after = news.applyTo(rows.get(news.key()), at);
                if (after != null) {
                    rows.put(news.key(), after);
                }
            } catch (PoisonMessage e) {
                // Dead-lettered by the consumer: it told the copy nothing.
            }
        }

        void close() {
            if (consumer != null) {
                consumer.close(Duration.ofSeconds(5));
            }
        }
    }
}
