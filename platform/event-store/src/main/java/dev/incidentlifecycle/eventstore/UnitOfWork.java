package dev.incidentlifecycle.eventstore;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One transaction of the event store: load aggregates, decide commands, append their events, and
 * (through the store) project them, all committed together or not at all. Obtain one from
 * {@link EventStore#transact}; never keep it beyond the function it was given to.
 */
public final class UnitOfWork {

    private final EventStore store;
    private final Mutiny.Session session;
    private final CommandContext context;
    /** Shared by the unit's copies for other contexts ({@link #as}): one transaction, one recorded time. */
    private final AtomicReference<Instant> recordedAt;
    private final String traceParent;

    UnitOfWork(EventStore store, Mutiny.Session session, CommandContext context, Instant recordedAt, String traceParent) {
        this(store, session, context, new AtomicReference<>(recordedAt), traceParent);
    }

    private UnitOfWork(EventStore store, Mutiny.Session session, CommandContext context, AtomicReference<Instant> recordedAt,
                       String traceParent) {
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

    /**
     * The same transaction for another command context: a consumer handling a batch of messages in one
     * transaction issues each message's commands with that message's actor, correlation, causation and trace.
     */
    public UnitOfWork as(CommandContext other, String otherTraceParent) {
        return new UnitOfWork(store, session, other, recordedAt, otherTraceParent != null ? otherTraceParent : traceParent);
    }

    /** The W3C traceparent the events of this unit carry, or null. */
    public String traceParent() {
        return traceParent;
    }

    /**
     * When the store records this transaction's events: the service's clock when the transaction began, moved on to
     * when its locks were granted ({@link #lockAll}), never back-dated.
     */
    public Instant recordedAt() {
        return recordedAt.get();
    }

    /** When the events happened by the actor's account: the command's time, or the recorded time. */
    public Instant occurredAt() {
        return context.occurredAt() != null ? context.occurredAt() : recordedAt();
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
        EventMetadata metadata = new EventMetadata(context.actor(), occurredAt(), recordedAt(),
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

    /** Loads many aggregates of one type in two round trips; ids without events come back at version 0. */
    public <C, S, E> Uni<java.util.Map<String, Loaded<S>>> loadAll(AggregateType<C, S, E> type, java.util.Collection<String> aggregateIds) {
        return store.loadAll(session, type, aggregateIds);
    }

    /**
     * Appends events that were decided elsewhere (in memory, against {@code from} states this transaction loaded
     * or a cache kept), for many streams at once, each event with the context and trace of the message that
     * caused it. One multi-row insert, set-based projections: the way a consumer writes a batch.
     *
     * @return what each stream became, in the order given
     */
    public <C, S, E> Uni<List<Decided<S, E>>> appendAll(AggregateType<C, S, E> type, List<StreamAppend<S, E>> appends) {
        Instant recordedAt = recordedAt();
        List<EventStore.Written<S, E>> written = new ArrayList<>(appends.size());
        List<Decided<S, E>> result = new ArrayList<>(appends.size());
        for (StreamAppend<S, E> append : appends) {
            Loaded<S> loaded = append.from();
            S state = loaded.state();
            long version = loaded.version();
            List<RecordedEvent<E>> recorded = new ArrayList<>(append.events().size());
            List<String> traces = new ArrayList<>(append.events().size());
            for (CausedEvent<E> caused : append.events()) {
                version++;
                state = type.decider().evolve(state, caused.event());
                CommandContext by = caused.context();
                EventMetadata metadata = new EventMetadata(by.actor(), by.occurredAt() != null ? by.occurredAt() : recordedAt,
                        recordedAt, by.correlationId(), by.causationId());
                String eventType = type.codec().typeOf(caused.event());
                recorded.add(new RecordedEvent<>(caused.event(), new StoredEvent(0, UUID.randomUUID(), type.streamType(),
                        type.streamId(loaded.aggregateId()), loaded.aggregateId(), version, eventType,
                        type.codec().versionOf(eventType), type.codec().encode(caused.event()), metadata)));
                traces.add(caused.traceParent() != null ? caused.traceParent() : traceParent);
            }
            Decided<S, E> decided = new Decided<>(loaded.aggregateId(), state, version, List.copyOf(recorded));
            result.add(decided);
            written.add(new EventStore.Written<>(loaded.version(), decided, traces));
        }
        return store.writeAll(session, type, written, false).replaceWith(result);
    }

    /** One stream's new events, decided against {@code from}. */
    public record StreamAppend<S, E>(Loaded<S> from, List<CausedEvent<E>> events) {
    }

    /** An event with the context (actor, times, correlation) and trace of the message that caused it. */
    public record CausedEvent<E>(E event, CommandContext context, String traceParent) {
    }

    /**
     * Serialises every transaction that takes the same lock until they commit: for decisions that span
     * streams, such as "is there already an open incident for this service?".
     */
    public Uni<Void> lock(String name) {
        return lockAll(List.of(name));
    }

    /**
     * Takes many locks in one round trip, in their natural order: transactions that take all their locks this
     * way, in one call, never wait for each other in a cycle. The transaction's {@link #recordedAt} moves on to when
     * the locks were granted: what it decides under them is never dated before what the lock's previous holder
     * recorded (an alert attached to an incident that a batch declared while this one waited).
     */
    public Uni<Void> lockAll(java.util.Collection<String> names) {
        List<String> sorted = new java.util.TreeSet<>(names).stream().toList();
        if (sorted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        var query = session.createNativeQuery("select count(pg_advisory_xact_lock(hashtext(name))) from (values "
                + SqlRows.values(sorted.size(), "cast(? as text)") + ") as locks(name)", Long.class);
        for (int i = 0; i < sorted.size(); i++) {
            query.setParameter(i + 1, sorted.get(i));
        }
        return query.getSingleResult()
                .invoke(() -> recordedAt.accumulateAndGet(store.now(), (before, now) -> now.isAfter(before) ? now : before))
                .replaceWithVoid();
    }

    /** The next value of a database sequence, for human-friendly numbers such as INC-42. */
    public Uni<Long> nextValue(String sequence) {
        return session.createNativeQuery("select nextval(cast(?1 as regclass))", Long.class)
                .setParameter(1, sequence)
                .getSingleResult();
    }

    /** The next {@code count} values of a database sequence, in order, in one round trip. */
    public Uni<List<Long>> nextValues(String sequence, int count) {
        if (count == 0) {
            return Uni.createFrom().item(List.of());
        }
        return session.createNativeQuery("select nextval(cast(?1 as regclass)) from generate_series(1, ?2)", Long.class)
                .setParameter(1, sequence)
                .setParameter(2, count)
                .getResultList();
    }
}
