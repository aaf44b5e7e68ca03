package dev.incidentlifecycle.eventstore.consuming;

import dev.incidentlifecycle.eventstore.UnitOfWork;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code consumer_position} and {@code inbox} statements of a batch, each one round trip. */
final class ConsumedPositions {

    private ConsumedPositions() {
    }

    /** The stored next offset of each partition that has one. */
    static Uni<Map<Integer, Long>> read(Mutiny.Session session, Subscription subscription, List<Integer> partitions) {
        return session.createNativeQuery("select partition, next_offset from consumer_position "
                        + "where consumer = cast(?1 as text) and topic = cast(?2 as text)", Object[].class)
                .setParameter(1, subscription.consumer())
                .setParameter(2, subscription.topic())
                .getResultList()
                .map(rows -> {
                    Map<Integer, Long> positions = new HashMap<>();
                    for (Object[] row : rows) {
                        int partition = ((Number) row[0]).intValue();
                        if (partitions.contains(partition)) {
                            positions.put(partition, ((Number) row[1]).longValue());
                        }
                    }
                    return positions;
                });
    }

    /**
     * Moves the partition's position from {@code from} (null: no row yet) to {@code to}, or fails with
     * {@link Fenced} when the stored position is no longer {@code from}: another instance handled these records.
     */
    static Uni<Void> advance(UnitOfWork work, Subscription subscription, int partition, Long from, long to) {
        Mutiny.Session session = work.session();
        var statement = from == null
                ? session.createNativeQuery("insert into consumer_position (consumer, topic, partition, next_offset) "
                        + "values (cast(?1 as text), cast(?2 as text), ?3, ?4) on conflict do nothing")
                : session.createNativeQuery("update consumer_position set next_offset = ?4, updated_at = now() "
                        + "where consumer = cast(?1 as text) and topic = cast(?2 as text) and partition = ?3 and next_offset = ?5")
                        .setParameter(5, from);
        return statement.setParameter(1, subscription.consumer())
                .setParameter(2, subscription.topic())
                .setParameter(3, partition)
                .setParameter(4, to)
                .executeUpdate()
                .invoke(updated -> {
                    if (updated != 1) {
                        throw new Fenced(subscription, partition, from);
                    }
                })
                .replaceWithVoid();
    }

    /** Records the ids in the inbox and answers those it did not hold yet: the others were handled before. */
    static Uni<Set<String>> firstSeen(UnitOfWork work, String consumer, List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        StringBuilder sql = new StringBuilder("insert into inbox (consumer, message_id) values ");
        for (int i = 0; i < ids.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(cast(?1 as text), cast(?").append(i + 2).append(" as text))");
        }
        sql.append(" on conflict do nothing returning message_id");
        var query = work.session().createNativeQuery(sql.toString(), String.class).setParameter(1, consumer);
        for (int i = 0; i < ids.size(); i++) {
            query.setParameter(i + 2, ids.get(i));
        }
        return query.getResultList().map(HashSet::new);
    }

    /** Another instance moved the partition's position: this one's batch is stale and must not commit. */
    static final class Fenced extends RuntimeException {
        Fenced(Subscription subscription, int partition, Long from) {
            super(subscription.consumer() + " on " + subscription.topic() + "/" + partition
                    + " is no longer at offset " + from + ": another instance handled these records", null, false, false);
        }
    }

    static List<Integer> partitions(Iterable<org.apache.kafka.common.TopicPartition> partitions) {
        List<Integer> numbers = new ArrayList<>();
        partitions.forEach(tp -> numbers.add(tp.partition()));
        return numbers;
    }
}
