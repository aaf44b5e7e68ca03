package dev.incidentlifecycle.eventstore;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;

/**
 * Keeps a read model up to date from one aggregate's events. The store applies it in the same
 * transaction as the append, so the read model is never behind its events; and it can be rebuilt by
 * replaying the log, so it must produce the same rows from the same events (apply events in order,
 * derive nothing from the clock).
 */
public interface Projection<E> {

    /** Whose events it reads. */
    AggregateType<?, ?, E> aggregate();

    Uni<Void> apply(Mutiny.Session session, RecordedEvent<E> event);

    /**
     * Applies events of one transaction, in log order. By default one at a time; a projection on a hot path
     * (alerts in a storm) writes them set-based instead, with the same result.
     */
    default Uni<Void> applyAll(Mutiny.Session session, List<RecordedEvent<E>> events) {
        return InOrder.each(events, event -> apply(session, event));
    }

    /**
     * The tables this projection writes (unqualified, in the service's schema). A rebuild replays the log into empty
     * copies of them beside the live ones and swaps the rows in ({@link ReadModelRebuild}), so the projection's SQL
     * must name them unqualified.
     */
    List<String> tables();

    /** The read model's name, as used by the rebuild endpoint. */
    String name();
}
