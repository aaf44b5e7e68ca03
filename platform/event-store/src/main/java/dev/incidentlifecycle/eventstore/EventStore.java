package dev.incidentlifecycle.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Appends events to streams with optimistic concurrency, projects them in the same transaction, and
 * folds streams back into state (now, or as known at a past time).
 */
@ApplicationScoped
public class EventStore {

    private static final Logger LOG = Logger.getLogger(EventStore.class);
    private static final String COLUMNS = "global_position, cast(event_id as text), stream_type, stream_id, stream_version, "
            + "event_type, event_version, cast(payload as text), actor, occurred_at, recorded_at, correlation_id, causation_id";

    private final Mutiny.SessionFactory sessions;
    private final Clock clock;
    private final Map<String, List<Projection<?>>> projectionsByStreamType;
    private final List<Projection<?>> projections;
    private final Counter appended;

    EventStore(Mutiny.SessionFactory sessions, Clock clock, Instance<Projection<?>> projections, MeterRegistry meters) {
        this.sessions = sessions;
        this.clock = clock;
        this.projections = projections.stream().toList();
        this.projectionsByStreamType = this.projections.stream()
                .collect(Collectors.groupingBy(p -> p.aggregate().streamType()));
        this.appended = Counter.builder("event_store_events_appended").description("Events appended to the event log")
                .register(meters);
    }

    /**
     * Runs {@code work} in one transaction. When the context carries an inbox entry that was already
     * written, the message was handled before: nothing runs and the result is null. A conflict on a
     * command that stated no version is retried against the new state.
     */
    public <T> Uni<T> transact(CommandContext context, Function<UnitOfWork, Uni<T>> work) {
        // Taken where the command is issued: the Uni may be subscribed, and retried, on another context.
        String traceParent = TraceParent.current();
        return Uni.createFrom().deferred(() -> attempt(context, work, traceParent != null ? traceParent : TraceParent.current()))
                .onFailure(e -> e instanceof ConcurrencyConflict conflict && conflict.retryable())
                .retry().withBackOff(Duration.ofMillis(2), Duration.ofMillis(200)).withJitter(0.5).atMost(100);
    }

    /** Decides one command against one aggregate in its own transaction. */
    public <C, S, E> Uni<Decided<S, E>> execute(AggregateType<C, S, E> type, String aggregateId, long expectedVersion,
                                                C command, CommandContext context) {
        return transact(context, work -> work.execute(type, aggregateId, expectedVersion, command));
    }

    /**
     * A session of its own, never the one Hibernate Reactive may have bound to the current Vert.x context:
     * concurrent commands started from one context (a stream of messages, a merge) must not share one.
     */
    <T> Uni<T> inOwnSession(Function<Mutiny.Session, Uni<T>> work) {
        return sessions.openSession().flatMap(session -> Uni.createFrom().deferred(() -> work.apply(session))
                .onTermination().call(session::close));
    }

    private <T> Uni<T> attempt(CommandContext context, Function<UnitOfWork, Uni<T>> work, String traceParent) {
        return inOwnSession(session -> session.withTransaction(tx -> {
            UnitOfWork unit = new UnitOfWork(this, session, context, clock.instant(), traceParent);
            if (context.inbox() == null) {
                return work.apply(unit);
            }
            return session.createNativeQuery("insert into inbox (consumer, message_id) values (cast(?1 as text), cast(?2 as text)) "
                            + "on conflict do nothing")
                    .setParameter(1, context.inbox().consumer())
                    .setParameter(2, context.inbox().messageId())
                    .executeUpdate()
                    .flatMap(inserted -> inserted == 1 ? work.apply(unit) : Uni.createFrom().nullItem());
        }));
    }

    /** Loads an aggregate's current state, from its snapshot when it has one. */
    public <C, S, E> Uni<Loaded<S>> load(AggregateType<C, S, E> type, String aggregateId) {
        return inOwnSession(session -> load(session, type, aggregateId));
    }

    /** The aggregate as this service knew it at {@code recordedAt}: only events recorded by then count. */
    public <C, S, E> Uni<Loaded<S>> loadAsOf(AggregateType<C, S, E> type, String aggregateId, Instant recordedAt) {
        return inOwnSession(session -> session
                .createNativeQuery("select " + COLUMNS + " from event_log where stream_id = cast(?1 as text) "
                        + "and recorded_at <= cast(?2 as timestamptz) order by stream_version", Object[].class)
                .setParameter(1, type.streamId(aggregateId))
                .setParameter(2, OffsetDateTime.ofInstant(recordedAt, ZoneOffset.UTC))
                .getResultList()
                .map(rows -> fold(type, aggregateId, type.decider().initialState(), 0, rows)));
    }

    /** Every event of one stream, oldest first: the raw history. */
    public Uni<List<StoredEvent>> readStream(String streamId) {
        return inOwnSession(session -> session
                .createNativeQuery("select " + COLUMNS + " from event_log where stream_id = cast(?1 as text) order by stream_version",
                        Object[].class)
                .setParameter(1, streamId)
                .getResultList()
                .map(rows -> rows.stream().map(EventStore::toStoredEvent).toList()));
    }

    /**
     * At most {@code limit} events of one stream after version {@code afterVersion}, oldest first, and the stream's
     * current version, read together in one transaction: a page of the raw history. Versions have no gaps, so the
     * slice is a range scan of the (stream, version) key, however long the stream is.
     */
    public Uni<StreamSlice> readStream(String streamId, long afterVersion, int limit) {
        return inOwnSession(session -> session.withTransaction(tx -> session
                .createNativeQuery("select coalesce(max(stream_version), 0) from event_log where stream_id = cast(?1 as text)",
                        Long.class)
                .setParameter(1, streamId)
                .getSingleResult()
                .flatMap(version -> version <= afterVersion
                        ? Uni.createFrom().item(new StreamSlice(List.of(), version))
                        : session.createNativeQuery("select " + COLUMNS + " from event_log where stream_id = cast(?1 as text) "
                                        + "and stream_version > ?2 and stream_version <= ?3 order by stream_version limit ?4",
                                        Object[].class)
                                .setParameter(1, streamId)
                                .setParameter(2, afterVersion)
                                .setParameter(3, version)
                                .setParameter(4, limit)
                                .getResultList()
                                .map(rows -> new StreamSlice(rows.stream().map(EventStore::toStoredEvent).toList(), version)))));
    }

    /** Where a replay of the log has got to: the last event read, in (transaction, position) order. */
    record LogCursor(String transactionId, long globalPosition) {
        static final LogCursor START = new LogCursor("0", 0);
    }

    /** A page of one stream type's log after a cursor, with the cursor of its last event. */
    record LogPage(List<StoredEvent> events, LogCursor last) {
    }

    /**
     * A page of the log of one stream type after {@code after}, in (transaction, position) order, for rebuilds.
     * With {@code settledOnly}, only events of transactions older than every running one: no event whose transaction
     * commits later can then fall behind the cursor (as the relay reads). Without it, every committed event.
     */
    Uni<LogPage> readLog(Mutiny.Session session, String streamType, LogCursor after, int limit, boolean settledOnly) {
        // The text cast is named apart: "order by transaction_id" would otherwise sort by the text.
        return session.createNativeQuery("select " + COLUMNS + ", cast(transaction_id as text) as transaction_text from event_log"
                        + " where stream_type = cast(?1 as text)"
                        + " and (transaction_id, global_position) > (cast(?2 as xid8), ?3)"
                        + (settledOnly ? " and transaction_id < pg_snapshot_xmin(pg_current_snapshot())" : "")
                        + " order by transaction_id, global_position limit ?4", Object[].class)
                .setParameter(1, streamType)
                .setParameter(2, after.transactionId())
                .setParameter(3, after.globalPosition())
                .setParameter(4, limit)
                .getResultList()
                .map(rows -> new LogPage(rows.stream().map(EventStore::toStoredEvent).toList(), rows.isEmpty() ? after
                        : new LogCursor((String) rows.get(rows.size() - 1)[13], ((Number) rows.get(rows.size() - 1)[0]).longValue())));
    }

    /** The service's clock now. */
    Instant now() {
        return clock.instant();
    }

    List<Projection<?>> projections() {
        return projections;
    }

    <C, S, E> Uni<Loaded<S>> load(Mutiny.Session session, AggregateType<C, S, E> type, String aggregateId) {
        String streamId = type.streamId(aggregateId);
        Uni<Loaded<S>> start = type.snapshotEvery() > 0
                ? readSnapshot(session, type, aggregateId)
                : Uni.createFrom().item(new Loaded<>(aggregateId, type.decider().initialState(), 0));
        return start.flatMap(from -> session
                .createNativeQuery("select " + COLUMNS + " from event_log where stream_id = cast(?1 as text) "
                        + "and stream_version > ?2 order by stream_version", Object[].class)
                .setParameter(1, streamId)
                .setParameter(2, from.version())
                .getResultList()
                .map(rows -> fold(type, aggregateId, from.state(), from.version(), rows)));
    }

    private <C, S, E> Uni<Loaded<S>> readSnapshot(Mutiny.Session session, AggregateType<C, S, E> type, String aggregateId) {
        Loaded<S> empty = new Loaded<>(aggregateId, type.decider().initialState(), 0);
        return session.createNativeQuery("select stream_version, cast(state as text) from snapshot where stream_id = cast(?1 as text)",
                        Object[].class)
                .setParameter(1, type.streamId(aggregateId))
                .getSingleResultOrNull()
                .map(row -> {
                    if (row == null) {
                        return empty;
                    }
                    try {
                        S state = EventJson.mapper().readValue((String) row[1], type.stateClass());
                        return new Loaded<>(aggregateId, state, ((Number) row[0]).longValue());
                    } catch (JsonProcessingException e) {
                        // The state's shape changed since the snapshot was taken: replaying the stream is always right.
                        LOG.debugf("ignoring unreadable snapshot of %s: %s", type.streamId(aggregateId), e.getOriginalMessage());
                        return empty;
                    }
                });
    }

    private <C, S, E> Loaded<S> fold(AggregateType<C, S, E> type, String aggregateId, S state, long version, List<Object[]> rows) {
        for (Object[] row : rows) {
            StoredEvent stored = toStoredEvent(row);
            state = type.decider().evolve(state, type.codec().decode(stored.type(), stored.typeVersion(), stored.payload()));
            version = stored.streamVersion();
        }
        return new Loaded<>(aggregateId, state, version);
    }

    /** Inserts the decided events, projects them, and refreshes the snapshot when one is due. */
    <C, S, E> Uni<Void> write(Mutiny.Session session, AggregateType<C, S, E> type, long fromVersion, Decided<S, E> decided,
                              boolean versionStated, String traceParent) {
        List<String> traceParents = java.util.Collections.nCopies(decided.events().size(), traceParent);
        return writeAll(session, type, List.of(new Written<>(fromVersion, decided, traceParents)), versionStated);
    }

    /** Events decided for one stream, with the trace each event continues. */
    record Written<S, E>(long fromVersion, Decided<S, E> decided, List<String> traceParents) {
    }

    private static final String INSERT_EVENTS = "insert into event_log (event_id, stream_type, stream_id, stream_version, "
            + "event_type, event_version, payload, actor, occurred_at, recorded_at, correlation_id, causation_id, trace_parent) "
            + "select cast(e.event_id as uuid), e.stream_type, e.stream_id, cast(e.stream_version as bigint), e.event_type, "
            + "cast(e.event_version as integer), cast(e.payload as jsonb), e.actor, cast(e.occurred_at as timestamptz), "
            + "cast(e.recorded_at as timestamptz), e.correlation_id, e.causation_id, e.trace_parent from "
            + SqlColumns.unnest("e", "event_id", "stream_type", "stream_id", "stream_version", "event_type", "event_version",
            "payload", "actor", "occurred_at", "recorded_at", "correlation_id", "causation_id", "trace_parent")
            + " order by e.position";

    /**
     * Inserts the events of many streams, one statement per {@value SqlRows#MAX_ROWS} events (their columns unnested,
     * {@link SqlColumns}), projects them (set-based where the projection is), and refreshes the snapshots that are
     * due: a batch of any size is a handful of round trips.
     */
    <C, S, E> Uni<Void> writeAll(Mutiny.Session session, AggregateType<C, S, E> type, List<Written<S, E>> streams,
                                 boolean versionStated) {
        List<RecordedEvent<E>> events = new java.util.ArrayList<>();
        List<String> traceParents = new java.util.ArrayList<>();
        for (Written<S, E> written : streams) {
            events.addAll(written.decided().events());
            traceParents.addAll(written.traceParents());
        }
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        int from = 0;
        for (List<RecordedEvent<E>> chunk : SqlRows.chunks(events)) {
            List<String> traces = traceParents.subList(from, from + chunk.size());
            from += chunk.size();
            chain = chain.flatMap(v -> insert(session, chunk, traces, versionStated));
        }
        chain = chain.flatMap(v -> project(session, type, events));
        int every = type.snapshotEvery();
        List<Decided<S, E>> due = new java.util.ArrayList<>();
        for (Written<S, E> written : streams) {
            Decided<S, E> decided = written.decided();
            if (every > 0 && decided.version() / every > written.fromVersion() / every) {
                due.add(decided);
            }
        }
        for (List<Decided<S, E>> chunk : SqlRows.chunks(due)) {
            chain = chain.flatMap(v -> writeSnapshots(session, type, chunk));
        }
        return chain.invoke(() -> appended.increment(events.size()));
    }

    private <E> Uni<Void> insert(Mutiny.Session session, List<RecordedEvent<E>> events, List<String> traceParents,
                                 boolean versionStated) {
        SqlColumns columns = new SqlColumns(13, events.size());
        for (int i = 0; i < events.size(); i++) {
            StoredEvent event = events.get(i).envelope();
            EventMetadata meta = event.metadata();
            columns.row().add(event.eventId()).add(event.streamType()).add(event.streamId()).add(event.streamVersion())
                    .add(event.type()).add(event.typeVersion()).add(event.payload()).add(meta.actor())
                    .add(meta.occurredAt()).add(meta.recordedAt()).add(meta.correlationId()).add(meta.causationId())
                    .add(traceParents.get(i));
        }
        var query = columns.bind(session.createNativeQuery(INSERT_EVENTS));
        StoredEvent first = events.get(0).envelope();
        return query.executeUpdate()
                .onFailure(EventStore::isStreamVersionTaken)
                .transform(e -> new ConcurrencyConflict(events.size() == 1 ? first.streamId() : events.size() + " streams",
                        first.streamVersion() - 1, -1, !versionStated))
                .replaceWithVoid();
    }

    /**
     * Loads many aggregates of one type at once: their snapshots in one query, the events after them in another.
     * Ids that have no events yet come back at version 0.
     */
    <C, S, E> Uni<Map<String, Loaded<S>>> loadAll(Mutiny.Session session, AggregateType<C, S, E> type,
                                                 java.util.Collection<String> aggregateIds) {
        List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(aggregateIds));
        Map<String, Loaded<S>> loaded = new java.util.HashMap<>();
        for (String id : ids) {
            loaded.put(id, new Loaded<>(id, type.decider().initialState(), 0));
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().item(loaded);
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (List<String> chunk : SqlRows.chunks(ids)) {
            chain = chain.flatMap(v -> loadChunk(session, type, chunk, loaded));
        }
        return chain.replaceWith(loaded);
    }

    private <C, S, E> Uni<Void> loadChunk(Mutiny.Session session, AggregateType<C, S, E> type, List<String> ids,
                                          Map<String, Loaded<S>> loaded) {
        String streams = SqlRows.list(ids.size(), 1, "cast(? as text)");
        Uni<Void> snapshots = Uni.createFrom().voidItem();
        if (type.snapshotEvery() > 0) {
            var query = session.createNativeQuery("select stream_id, stream_version, cast(state as text) from snapshot "
                    + "where stream_id in (" + streams + ")", Object[].class);
            for (int i = 0; i < ids.size(); i++) {
                query.setParameter(i + 1, type.streamId(ids.get(i)));
            }
            snapshots = query.getResultList().invoke(rows -> {
                for (Object[] row : rows) {
                    String id = type.aggregateId((String) row[0]);
                    try {
                        S state = EventJson.mapper().readValue((String) row[2], type.stateClass());
                        loaded.put(id, new Loaded<>(id, state, ((Number) row[1]).longValue()));
                    } catch (JsonProcessingException e) {
                        LOG.debugf("ignoring unreadable snapshot of %s: %s", row[0], e.getOriginalMessage());
                    }
                }
            }).replaceWithVoid();
        }
        return snapshots.flatMap(v -> {
            // Only the events after each stream's snapshot: the pairs (stream, version) as values.
            var query = session.createNativeQuery("select " + COLUMNS.replace("global_position", "e.global_position")
                    + " from event_log e join (values " + SqlRows.values(ids.size(), "cast(? as text)", "cast(? as bigint)")
                    + ") as s(stream_key, after_version) on e.stream_id = s.stream_key and e.stream_version > s.after_version "
                    + "order by e.stream_id, e.stream_version", Object[].class);
            int p = 1;
            for (String id : ids) {
                query.setParameter(p++, type.streamId(id)).setParameter(p++, loaded.get(id).version());
            }
            return query.getResultList().invoke(rows -> {
                for (Object[] row : rows) {
                    StoredEvent stored = toStoredEvent(row);
                    Loaded<S> before = loaded.get(stored.aggregateId());
                    S state = type.decider().evolve(before.state(),
                            type.codec().decode(stored.type(), stored.typeVersion(), stored.payload()));
                    loaded.put(stored.aggregateId(), new Loaded<>(stored.aggregateId(), state, stored.streamVersion()));
                }
            }).replaceWithVoid();
        });
    }

    @SuppressWarnings("unchecked")
    private <E> Uni<Void> project(Mutiny.Session session, AggregateType<?, ?, E> type, List<RecordedEvent<E>> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Projection<?> projection : projectionsByStreamType.getOrDefault(type.streamType(), List.of())) {
            chain = chain.flatMap(v -> ((Projection<E>) projection).applyAll(session, events));
        }
        return chain;
    }

    /** The streams' states as their snapshots, in one statement. */
    private <C, S, E> Uni<Void> writeSnapshots(Mutiny.Session session, AggregateType<C, S, E> type, List<Decided<S, E>> streams) {
        var query = session.createNativeQuery("insert into snapshot (stream_id, stream_version, state) values "
                + SqlRows.values(streams.size(), "cast(? as text)", "cast(? as bigint)", "cast(cast(? as text) as jsonb)")
                + " on conflict (stream_id) do update set stream_version = excluded.stream_version, state = excluded.state");
        int p = 1;
        for (Decided<S, E> decided : streams) {
            String streamId = type.streamId(decided.aggregateId());
            try {
                query.setParameter(p++, streamId)
                        .setParameter(p++, decided.version())
                        .setParameter(p++, EventJson.mapper().writeValueAsString(decided.state()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot snapshot " + streamId, e);
            }
        }
        return query.executeUpdate().replaceWithVoid();
    }

    static StoredEvent toStoredEvent(Object[] row) {
        String streamType = (String) row[2];
        String streamId = (String) row[3];
        return new StoredEvent(
                ((Number) row[0]).longValue(),
                UUID.fromString((String) row[1]),
                streamType,
                streamId,
                streamId.substring(streamType.length() + 1),
                ((Number) row[4]).longValue(),
                (String) row[5],
                ((Number) row[6]).intValue(),
                (String) row[7],
                new EventMetadata((String) row[8], Timestamps.toInstant(row[9]), Timestamps.toInstant(row[10]),
                        (String) row[11], (String) row[12]));
    }

    /** The unique (stream, version) constraint said no: another transaction appended at this version first. */
    static boolean isStreamVersionTaken(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("event_log_stream_version")) {
                return true;
            }
        }
        return false;
    }
}
