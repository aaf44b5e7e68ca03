package dev.incidentlifecycle.eventstore;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

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

    /** Removes every row this projection wrote, before a rebuild. */
    Uni<Void> reset(Mutiny.Session session);

    /** The read model's name, as used by the rebuild endpoint. */
    String name();
}
