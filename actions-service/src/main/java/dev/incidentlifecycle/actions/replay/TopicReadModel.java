package dev.incidentlifecycle.actions.replay;

import dev.incidentlifecycle.eventstore.consuming.IncomingMessage;
import dev.incidentlifecycle.eventstore.consuming.Subscription;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.List;

/**
 * A read model this service builds from another service's topic rather than from its own event log (the reviews and
 * incidents an action item created by hand may reference). Its consumer and {@link TopicReplay} read a record into
 * {@link News} the same way and apply it the same way, so replaying the topic from its first record rebuilds what the
 * consumer built. Each one is a bean: {@code /admin/topic-read-models} lists and replays them by {@link #name()}.
 *
 * @param <R> one row of the read model, as held in memory
 */
public interface TopicReadModel<R> {

    /** Its name in the admin API, like {@code known-reviews}. */
    String name();

    /** The consumer that builds it: its topic, and the positions a replay catches up with. */
    Subscription subscription();

    /** Its one table: locked while a replay swaps the rows in, so that the consumer's writes wait. */
    String table();

    /**
     * What a CloudEvent tells the read model, or null when its type tells it nothing.
     *
     * @throws dev.incidentlifecycle.eventstore.consuming.PoisonMessage for a record that can never be read: the consumer
     *                                                                   dead-letters it, a replay skips it
     */
    News<R> read(IncomingMessage message);

    /** Writes rows into the table (a replay's, into the emptied table), set-based. */
    Uni<Void> write(Mutiny.Session session, List<R> rows);

    /** What one event tells about one row. */
    interface News<R> {

        /** The row it is about (its primary key). */
        Object key();

        /**
         * The row after this news.
         *
         * @param current the row so far, or null when the row is not known yet
         * @param at      when the event happened (its CloudEvent time): the copy's times are the events' own
         * @return the row, or null when the news is about a row that stays unknown
         */
        R applyTo(R current, Instant at);
    }
}
