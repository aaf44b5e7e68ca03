package dev.incidentlifecycle.web.replay;

import dev.incidentlifecycle.eventsourcing.RuleViolation;
import dev.incidentlifecycle.eventstore.StreamNotFound;
import dev.incidentlifecycle.eventstore.consuming.IncomingMessage;
import dev.incidentlifecycle.eventstore.consuming.PoisonMessage;
import dev.incidentlifecycle.eventstore.consuming.Subscription;
import io.quarkus.arc.All;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Rebuilds a {@link TopicReadModel} by replaying its topics from their first records, reading each record as its
 * consumer does. The bulk is read, into memory, up to the consumers' stored positions while they go on; then one
 * transaction locks the read model's tables (the consumers' writes to them wait), reads the positions again, replays
 * the records between and replaces the live rows by the rebuilt ones. Positions move in the same transactions as the
 * consumers' writes, so the rows then say exactly what the records before the positions said, and the consumers go
 * on from them. Records the consumer dead-letters are skipped, and so are CloudEvent ids its inbox has seen.
 *
 * <p>One replay of a read model at a time (409), and none of a topic that no longer starts at offset 0 (409, see
 * {@link TopicReader}).
 */
@ApplicationScoped
public class TopicReplay {

    private static final Logger LOG = Logger.getLogger(TopicReplay.class);
    /** The swap deletes and inserts every row: it may take longer than the pool's statement timeout. */
    private static final String SWAP_TIMEOUT = "10min";

    private final Mutiny.SessionFactory sessions;
    private final Map<String, Object> kafka;
    private final Vertx vertx;
    private final List<TopicReadModel> readModels;
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    TopicReplay(Mutiny.SessionFactory sessions, @Identifier("default-kafka-broker") Map<String, Object> kafka, Vertx vertx,
                @All List<TopicReadModel> readModels) {
        this.sessions = sessions;
        this.kafka = kafka;
        this.vertx = vertx;
        this.readModels = readModels.stream().sorted(Comparator.comparing(TopicReadModel::name)).toList();
    }

    /** What a replay did. */
    public record Replayed(String readModel, List<String> topics, long recordsRead, int rows, long millis) {
    }

    /** The names of this service's topic read models. */
    public List<String> readModels() {
        return readModels.stream().map(TopicReadModel::name).toList();
    }

    public Uni<Replayed> replay(String name) {
        TopicReadModel readModel = readModels.stream().filter(model -> model.name().equals(name)).findFirst()
                .orElseThrow(() -> new StreamNotFound("no read model " + name + " is built from a topic here; known: " + readModels()));
        if (!running.add(name)) {
            return Uni.createFrom().failure(new RuleViolation("read model " + name + " is being replayed already"));
        }
        Instant start = Instant.now();
        Replaying replaying = new Replaying(readModel);
        return inSession(session -> positions(session, readModel))
                .flatMap(bulk -> blocking(() -> replaying.upTo(bulk)))
                .flatMap(v -> inSession(session -> session.withTransaction(tx -> execute(session,
                                "set local statement_timeout = '" + SWAP_TIMEOUT + "'")
                        .flatMap(x -> execute(session, "lock table " + String.join(", ", readModel.tables()) + " in exclusive mode"))
                        .flatMap(x -> positions(session, readModel))
                        .flatMap(rest -> blocking(() -> replaying.upTo(rest)))
                        .flatMap(x -> replaying.copy.replace(session)))))
                .map(v -> new Replayed(name, replaying.topics(), replaying.read, replaying.copy.rows(),
                        Duration.between(start, Instant.now()).toMillis()))
                .invoke(done -> LOG.infof("replayed %s from %s: %d records, %d rows, %d ms", name, done.topics(),
                        done.recordsRead(), done.rows(), done.millis()))
                .onTermination().call(() -> blocking(replaying::close).onTermination().invoke(() -> running.remove(name)));
    }

    private <T> Uni<T> inSession(Function<Mutiny.Session, Uni<T>> work) {
        return sessions.openSession().flatMap(session -> Uni.createFrom().deferred(() -> work.apply(session))
                .onTermination().call(session::close));
    }

    private <T> Uni<T> blocking(Supplier<T> work) {
        return vertx.executeBlocking(Uni.createFrom().item(work));
    }

    private static Uni<Void> execute(Mutiny.Session session, String sql) {
        return session.createNativeQuery(sql).executeUpdate().replaceWithVoid();
    }

    /** How far each consumer has got in each partition: its next offset (a partition without a row: nothing read). */
    private static Uni<Map<TopicPartition, Long>> positions(Mutiny.Session session, TopicReadModel readModel) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Subscription subscription : readModel.subscriptions()) {
            chain = chain.flatMap(v -> session.createNativeQuery("select partition, next_offset from consumer_position "
                            + "where consumer = cast(?1 as text) and topic = cast(?2 as text)", Object[].class)
                    .setParameter(1, subscription.consumer())
                    .setParameter(2, subscription.topic())
                    .getResultList()
                    .invoke(rows -> rows.forEach(row -> positions.put(new TopicPartition(subscription.topic(),
                            ((Number) row[0]).intValue()), ((Number) row[1]).longValue())))
                    .replaceWithVoid());
        }
        return chain.replaceWith(positions);
    }

    /** The topics read so far, and the copy they told. Used from one worker thread at a time. */
    private final class Replaying {
        final TopicReadModel readModel;
        final TopicReadModel.Copy copy;
        /** Per topic, the CloudEvent ids applied: its consumer's inbox skips them when they come again. */
        final Map<String, Set<String>> ids = new HashMap<>();
        long read;
        private TopicReader reader;

        Replaying(TopicReadModel readModel) {
            this.readModel = readModel;
            this.copy = readModel.copy();
            readModel.subscriptions().forEach(subscription -> ids.put(subscription.topic(), new HashSet<>()));
        }

        List<String> topics() {
            return readModel.subscriptions().stream().map(Subscription::topic).toList();
        }

        Replaying upTo(Map<TopicPartition, Long> positions) {
            if (reader == null) {
                reader = new TopicReader(kafka, "replay-" + readModel.name(), topics());
            }
            reader.readUpTo(positions, this::apply);
            return this;
        }

        private void apply(ConsumerRecord<String, byte[]> record) {
            read++;
            try {
                IncomingMessage message = IncomingMessage.from(record);
                Set<String> seen = ids.get(record.topic());
                if (message.type() != null && seen.contains(message.id())) {
                    return;
                }
                copy.apply(message, Instant.ofEpochMilli(record.timestamp()));
                if (message.type() != null) {
                    seen.add(message.id());
                }
            } catch (PoisonMessage e) {
                // Dead-lettered by the consumer, before its inbox saw the id: it told the read model nothing.
            }
        }

        Replaying close() {
            if (reader != null) {
                reader.close();
            }
            return this;
        }
    }
}
