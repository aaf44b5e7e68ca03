package dev.incidentlifecycle.eventstore;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.function.Consumer;

/**
 * Drops a read model and rebuilds it by replaying the event log through its projection, in one
 * transaction: readers see the old rows until the new ones are complete.
 */
@ApplicationScoped
public class ReadModelRebuild {

    private static final Logger LOG = Logger.getLogger(ReadModelRebuild.class);
    private static final int PAGE = 1_000;

    private final EventStore store;

    ReadModelRebuild(EventStore store) {
        this.store = store;
    }

    public List<String> readModels() {
        return store.projections().stream().map(Projection::name).toList();
    }

    /**
     * Rebuilds the named read model and returns how many events were replayed; {@code progress} hears
     * the running count after every page.
     */
    public Uni<Long> rebuild(String readModel, Consumer<Long> progress) {
        Projection<?> projection = store.projections().stream()
                .filter(p -> p.name().equals(readModel))
                .findFirst()
                .orElseThrow(() -> new StreamNotFound("no read model named " + readModel));
        return store.inOwnSession(session -> session.withTransaction(tx -> projection.reset(session)
                .flatMap(v -> replay(session, projection, 0, 0, progress))))
                .invoke(count -> LOG.infof("rebuilt read model %s from %d events", readModel, count));
    }

    private <E> Uni<Long> replay(Mutiny.Session session, Projection<E> projection, long after, long count, Consumer<Long> progress) {
        AggregateType<?, ?, E> type = projection.aggregate();
        return store.readLog(session, type.streamType(), after, PAGE).flatMap(page -> {
            if (page.isEmpty()) {
                return Uni.createFrom().item(count);
            }
            Uni<Void> applied = Multi.createFrom().iterable(page)
                    .onItem().transformToUniAndConcatenate(stored -> projection.apply(session, new RecordedEvent<>(
                            type.codec().decode(stored.type(), stored.typeVersion(), stored.payload()), stored)))
                    .collect().last().replaceWithVoid();
            long total = count + page.size();
            long last = page.get(page.size() - 1).globalPosition();
            return applied.flatMap(v -> session.flush())
                    .invoke(() -> {
                        session.clear();
                        progress.accept(total);
                    })
                    .flatMap(v -> replay(session, projection, last, total, progress));
        });
    }
}
