package dev.incidentlifecycle.eventstore;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One transaction of the event store: load aggregates, decide commands, append their events, and
 * (through the store) project them, all committed together or not at all. Obtain one from
 * {@link EventStore#transact}; never keep it beyond the function it was given to.
 */
public final class UnitOfWork {

    private final EventStore store;
    private final Mutiny.Session session;
    private final CommandContext context;
    private final Instant recordedAt;
    private final String traceParent;

    UnitOfWork(EventStore store, Mutiny.Session session, CommandContext context, Instant recordedAt, String traceParent) {
        this.store = store;
        this.session = session;
        this.context = context;
        this.recordedAt = recordedAt;
        this.traceParent = traceParent;
    }

    /** The transaction's session, for projections and read-model queries that must see this transaction. */
    public Mutiny.Session session() {
        return session;
    }

    public CommandContext context() {
        return context;
    }

    /** When the store records this transaction's events: the service's clock, never back-dated. */
    public Instant recordedAt() {
        return recordedAt;
    }

    /** When the events happened by the actor's account: the command's time, or the recorded time. */
    public Instant occurredAt() {
        return context.occurredAt() != null ? context.occurredAt() : recordedAt;
    }

    public <C, S, E> Uni<Loaded<S>> load(AggregateType<C, S, E> type, String aggregateId) {
        return store.load(session, type, aggregateId);
    }

    /**
     * Loads the aggregate, checks the stated version, decides the command and appends what it yields.
     *
     * @param expectedVersion the version the caller saw (from If-Match), or {@link ExpectedVersion#ANY}
     * @throws ConcurrencyConflict (as the Uni's failure) when the stated version is not the current one
     */
    public <C, S, E> Uni<Decided<S, E>> execute(AggregateType<C, S, E> type, String aggregateId, long expectedVersion, C command) {
        return load(type, aggregateId).flatMap(loaded -> {
            if (expectedVersion != ExpectedVersion.ANY && expectedVersion != loaded.version()) {
                return Uni.createFrom().failure(new ConcurrencyConflict(
                        type.streamId(aggregateId), expectedVersion, loaded.version(), false));
            }
            List<E> events = type.decider().decide(command, loaded.state());
            return append(type, loaded, events, expectedVersion != ExpectedVersion.ANY);
        });
    }

    /** Appends events decided elsewhere against {@code loaded}, then projects them. */
    public <C, S, E> Uni<Decided<S, E>> append(AggregateType<C, S, E> type, Loaded<S> loaded, List<E> events) {
        return append(type, loaded, events, false);
    }

    private <C, S, E> Uni<Decided<S, E>> append(AggregateType<C, S, E> type, Loaded<S> loaded, List<E> events, boolean versionStated) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(new Decided<>(loaded.aggregateId(), loaded.state(), loaded.version(), List.of()));
        }
        List<RecordedEvent<E>> recorded = new ArrayList<>(events.size());
        S state = loaded.state();
        long version = loaded.version();
        EventMetadata metadata = new EventMetadata(context.actor(), occurredAt(), recordedAt,
                context.correlationId(), context.causationId());
        for (E event : events) {
            Objects.requireNonNull(event, "event");
            version++;
            state = type.decider().evolve(state, event);
            String eventType = type.codec().typeOf(event);
            StoredEvent stored = new StoredEvent(0, UUID.randomUUID(), type.streamType(), type.streamId(loaded.aggregateId()),
                    loaded.aggregateId(), version, eventType, type.codec().versionOf(eventType), type.codec().encode(event), metadata);
            recorded.add(new RecordedEvent<>(event, stored));
        }
        Decided<S, E> decided = new Decided<>(loaded.aggregateId(), state, version, List.copyOf(recorded));
        return store.write(session, type, loaded.version(), decided, versionStated, traceParent).replaceWith(decided);
    }

    /**
     * Serialises every transaction that takes the same lock until they commit: for decisions that span
     * streams, such as "is there already an open incident for this service?".
     */
    public Uni<Void> lock(String name) {
        return session.createNativeQuery("select cast(pg_advisory_xact_lock(hashtext(cast(?1 as text))) as text)", String.class)
                .setParameter(1, name)
                .getSingleResult()
                .replaceWithVoid();
    }

    /** The next value of a database sequence, for human-friendly numbers such as INC-42. */
    public Uni<Long> nextValue(String sequence) {
        return session.createNativeQuery("select nextval(cast(?1 as regclass))", Long.class)
                .setParameter(1, sequence)
                .getSingleResult();
    }
}
