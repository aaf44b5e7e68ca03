package dev.incidentlifecycle.eventstore;

import dev.incidentlifecycle.eventsourcing.RuleViolation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Rebuilds a read model beside the live one and swaps it in, so that nobody waits for long:
 * <ol>
 * <li>empty copies of the projection's tables ({@code like … including all}) are made in the schema
 *     {@code <schema>_rebuild};</li>
 * <li>the log is replayed into them page by page, each page its own short transaction whose {@code search_path}
 *     puts the copies first, so the projection's unqualified SQL writes there; the live tables keep serving reads
 *     and keep being projected by every append meanwhile. Pages take only events of transactions older than every
 *     running one (as the relay reads), so no event that commits late falls behind the replay;</li>
 * <li>one swap transaction locks the live tables (appends to them wait, for this transaction only), replays the
 *     few events committed since the last page, and replaces the live rows by the rebuilt ones. Transactions still
 *     running at the lock project their own events onto the rebuilt rows after it.</li>
 * </ol>
 * {@code progress} hears the running count of replayed events after every page.
 */
@ApplicationScoped
public class ReadModelRebuild {

    private static final Logger LOG = Logger.getLogger(ReadModelRebuild.class);
    private static final int PAGE = 1_000;
    /** The swap copies every row: it may take longer than the pool's statement timeout. */
    private static final String SWAP_TIMEOUT = "10min";

    private final EventStore store;
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    ReadModelRebuild(EventStore store) {
        this.store = store;
    }

    public List<String> readModels() {
        return store.projections().stream().map(Projection::name).toList();
    }

    /** Rebuilds the named read model and returns how many events were replayed. */
    public Uni<Long> rebuild(String readModel, Consumer<Long> progress) {
        Projection<?> projection = store.projections().stream()
                .filter(p -> p.name().equals(readModel))
                .findFirst()
                .orElseThrow(() -> new StreamNotFound("no read model named " + readModel));
        if (!running.add(readModel)) {
            throw new RuleViolation("read model " + readModel + " is being rebuilt already");
        }
        return besideTables(projection)
                .flatMap(beside -> replay(projection, beside, EventStore.LogCursor.START, 0, progress)
                        .flatMap(replayed -> swap(projection, beside, replayed))
                        .call(count -> dropBeside(projection, beside)))
                .invoke(count -> LOG.infof("rebuilt read model %s from %d events and swapped it in", readModel, count))
                .onTermination().invoke(() -> running.remove(readModel));
    }

    /** Where the replay got to, and how many events it applied. */
    private record Replayed(EventStore.LogCursor cursor, long count) {
    }

    /** The service's schema and the one its rebuilds use beside it. */
    private record Schemas(String live, String beside) {

        /** Unqualified table names find the rebuild's copies first, everything else (the event log) in the live schema. */
        String besideFirst() {
            return "set local search_path to " + quoted(beside) + ", " + quoted(live);
        }
    }

    /** Empty copies of the projection's tables, in the service's rebuild schema. */
    private Uni<Schemas> besideTables(Projection<?> projection) {
        return store.inOwnSession(session -> session.withTransaction(tx -> session
                .createNativeQuery("select current_schema()", String.class).getSingleResult()
                .flatMap(live -> {
                    Schemas schemas = new Schemas(live, live + "_rebuild");
                    Uni<Void> chain = execute(session, "create schema if not exists " + quoted(schemas.beside()));
                    for (String table : projection.tables()) {
                        chain = chain.flatMap(v -> execute(session, "drop table if exists " + quoted(schemas.beside()) + "." + quoted(table)))
                                .flatMap(v -> execute(session, "create table " + quoted(schemas.beside()) + "." + quoted(table)
                                        + " (like " + quoted(live) + "." + quoted(table) + " including all)"));
                    }
                    return chain.replaceWith(schemas);
                })));
    }

    private <E> Uni<Replayed> replay(Projection<E> projection, Schemas beside, EventStore.LogCursor after, long count,
                                     Consumer<Long> progress) {
        return store.inOwnSession(session -> session.withTransaction(tx -> execute(session, beside.besideFirst())
                        .flatMap(v -> store.readLog(session, projection.aggregate().streamType(), after, PAGE, true))
                        .flatMap(page -> apply(session, projection, page).replaceWith(page))))
                .flatMap(page -> {
                    long total = count + page.events().size();
                    if (page.events().isEmpty()) {
                        return Uni.createFrom().item(new Replayed(after, count));
                    }
                    progress.accept(total);
                    return replay(projection, beside, page.last(), total, progress);
                });
    }

    /**
     * Locks the live tables against writes (reads go on, and see the old rows until the commit), catches up, and
     * replaces the live rows with the rebuilt ones.
     */
    private <E> Uni<Long> swap(Projection<E> projection, Schemas schemas, Replayed replayed) {
        return store.inOwnSession(session -> session.withTransaction(tx -> execute(session, "set local statement_timeout = '" + SWAP_TIMEOUT + "'")
                .flatMap(v -> execute(session, "lock table " + qualified(schemas.live(), projection.tables()) + " in exclusive mode"))
                .flatMap(v -> execute(session, schemas.besideFirst()))
                .flatMap(v -> store.readLog(session, projection.aggregate().streamType(), replayed.cursor(), Integer.MAX_VALUE, false))
                .flatMap(sinceLastPage -> apply(session, projection, sinceLastPage).replaceWith(replayed.count() + sinceLastPage.events().size()))
                .flatMap(count -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (String table : projection.tables()) {
                        String live = quoted(schemas.live()) + "." + quoted(table);
                        chain = chain.flatMap(v -> execute(session, "delete from " + live))
                                .flatMap(v -> execute(session, "insert into " + live + " select * from " + quoted(schemas.beside()) + "." + quoted(table)));
                    }
                    return chain.replaceWith(count);
                })));
    }

    private <E> Uni<Void> apply(Mutiny.Session session, Projection<E> projection, EventStore.LogPage page) {
        AggregateType<?, ?, E> type = projection.aggregate();
        return InOrder.each(page.events(), stored -> projection.apply(session, new RecordedEvent<>(
                        type.codec().decode(stored.type(), stored.typeVersion(), stored.payload()), stored)))
                .flatMap(v -> session.flush())
                .invoke(session::clear);
    }

    private Uni<Void> dropBeside(Projection<?> projection, Schemas schemas) {
        return store.inOwnSession(session -> session.withTransaction(tx -> execute(session,
                "drop table if exists " + qualified(schemas.beside(), projection.tables()))));
    }

    private static Uni<Void> execute(Mutiny.Session session, String sql) {
        return session.createNativeQuery(sql).executeUpdate().replaceWithVoid();
    }

    private static String qualified(String schema, List<String> tables) {
        return String.join(", ", tables.stream().map(table -> quoted(schema) + "." + quoted(table)).toList());
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

}
