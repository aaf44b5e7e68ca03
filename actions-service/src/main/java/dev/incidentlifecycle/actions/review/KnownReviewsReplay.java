package dev.incidentlifecycle.actions.review;

import dev.incidentlifecycle.eventsourcing.RuleViolation;
import dev.incidentlifecycle.eventstore.SqlRows;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Rebuilds the copy of known reviews by replaying {@code review-events} from its first record, with the very reading
 * the consumer does ({@link ReviewNews}). The bulk of the topic is read while the consumer goes on; then one
 * transaction locks {@code known_review} (the consumer's writes to it wait), reads how far the consumer has got
 * (its stored positions), replays the rest up to there and replaces the rows. The copy then holds exactly what the
 * consumer's records up to its positions told, and the consumer continues from them. Senders' repeated ids are
 * skipped as the inbox skips them, poison is skipped as the consumer dead-letters it.
 *
 * <p>Refused (409) while another replay runs, and when the topic no longer starts at offset 0: records deleted by
 * retention would be lost from the copy. The rows are held in memory during the replay: one small row per review.
 */
@ApplicationScoped
public class KnownReviewsReplay {

    /** The read model's name in the admin API. */
    public static final String NAME = "known-reviews";

    private static final Logger LOG = Logger.getLogger(KnownReviewsReplay.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** The longest a replay waits for records it knows exist (the consumer has read them). */
    private static final Duration STALLED = Duration.ofMinutes(2);
    private static final String[] COLUMNS = {"cast(? as uuid)", "cast(? as uuid)", "cast(? as text)", "cast(? as text)",
            "cast(? as text)", "?", "cast(? as timestamptz)", "cast(? as timestamptz)"};

    private final Mutiny.SessionFactory sessions;
    private final Map<String, Object> kafka;
    private final Vertx vertx;
    private final Subscription subscription;
    private final AtomicBoolean running = new AtomicBoolean();

    KnownReviewsReplay(Mutiny.SessionFactory sessions, @Identifier("default-kafka-broker") Map<String, Object> kafka, Vertx vertx) {
        this.sessions = sessions;
        this.kafka = kafka;
        this.vertx = vertx;
        this.subscription = Subscription.configured("review-events");
    }

    /** What a replay did. */
    public record Replayed(String readModel, String topic, long recordsRead, int reviews, long millis) {
    }

    public Uni<Replayed> replay() {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().failure(new RuleViolation("read model " + NAME + " is being replayed already"));
        }
        Instant start = Instant.now();
        Reading reading = new Reading();
        return inSession(session -> positions(session))
                .flatMap(upTo -> vertx.executeBlocking(Uni.createFrom().item(() -> reading.upTo(upTo))))
                .flatMap(bulk -> inSession(session -> session.withTransaction(tx -> session
                        .createNativeQuery("lock table known_review in exclusive mode").executeUpdate()
                        .flatMap(v -> positions(session))
                        .flatMap(upTo -> vertx.executeBlocking(Uni.createFrom().item(() -> reading.upTo(upTo))))
                        .flatMap(v -> session.createNativeQuery("delete from known_review").executeUpdate())
                        .flatMap(v -> insert(session, List.copyOf(reading.rows.values()))))))
                .map(v -> new Replayed(NAME, subscription.topic(), reading.read, reading.rows.size(),
                        Duration.between(start, Instant.now()).toMillis()))
                .invoke(done -> LOG.infof("replayed %s from %s: %d records, %d reviews, %d ms", NAME, done.topic(),
                        done.recordsRead(), done.reviews(), done.millis()))
                .onTermination().call(() -> vertx.executeBlocking(Uni.createFrom().item(() -> {
                    reading.close();
                    return reading;
                })).onTermination().invoke(() -> running.set(false)));
    }

    private <T> Uni<T> inSession(java.util.function.Function<Mutiny.Session, Uni<T>> work) {
        return sessions.openSession().flatMap(session -> Uni.createFrom().deferred(() -> work.apply(session))
                .onTermination().call(session::close));
    }

    /** How far the consumer has got in each partition: its next offset (a partition without a row: nothing read). */
    private Uni<Map<Integer, Long>> positions(Mutiny.Session session) {
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

    private static Uni<Void> insert(Mutiny.Session session, List<KnownReview> rows) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (List<KnownReview> chunk : SqlRows.chunks(rows)) {
            chain = chain.flatMap(v -> {
                var statement = session.createNativeQuery("insert into known_review (review_id, incident_id, incident_number, "
                        + "severity, service, closed, first_seen_at, updated_at) values " + SqlRows.values(chunk.size(), COLUMNS));
                int parameter = 1;
                for (KnownReview row : chunk) {
                    statement.setParameter(parameter++, row.reviewId);
                    statement.setParameter(parameter++, row.incidentId);
                    statement.setParameter(parameter++, row.incidentNumber);
                    statement.setParameter(parameter++, row.severity.name());
                    statement.setParameter(parameter++, row.service);
                    statement.setParameter(parameter++, row.closed);
                    statement.setParameter(parameter++, OffsetDateTime.ofInstant(row.firstSeenAt, ZoneOffset.UTC));
                    statement.setParameter(parameter++, OffsetDateTime.ofInstant(row.updatedAt, ZoneOffset.UTC));
                }
                return statement.executeUpdate().replaceWithVoid();
            });
        }
        return chain;
    }

    /** The topic read so far, and the rows it told. Used from one worker thread at a time. */
    private final class Reading {
        final Map<UUID, KnownReview> rows = new HashMap<>();
        final Set<String> ids = new HashSet<>();
        final Map<TopicPartition, Long> next = new HashMap<>();
        long read;
        private KafkaConsumer<String, byte[]> consumer;

        /** Reads every partition up to (not including) its offset in {@code upTo}. */
        Reading upTo(Map<Integer, Long> upTo) {
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
                    throw new IllegalStateException("the replay of " + subscription.topic() + " stalled before the consumer's "
                            + "positions " + targets);
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
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, "replay-" + NAME);
            consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(subscription.topic())) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
            consumer.assign(partitions);
            for (Map.Entry<TopicPartition, Long> first : consumer.beginningOffsets(partitions).entrySet()) {
                if (first.getValue() > 0) {
                    throw new RuleViolation(subscription.topic() + " partition " + first.getKey().partition() + " starts at offset "
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
                if (message.type() == null || !ReviewNews.TYPES.contains(message.type()) || !ids.add(message.id())) {
                    return;
                }
                ReviewNews news = ReviewNews.read(message);
                Instant at = message.time() != null ? message.time() : Instant.ofEpochMilli(record.timestamp());
                KnownReview after = news.applyTo(rows.get(news.reviewId()), at);
                if (after != null) {
                    rows.put(news.reviewId(), after);
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
