package dev.incidentlifecycle.web.replay;

import dev.incidentlifecycle.eventstore.consuming.IncomingMessage;
import dev.incidentlifecycle.eventstore.consuming.Subscription;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.List;

/**
 * A read model a service builds from topics (other services' events) rather than from its own event log: only those
 * topics can rebuild it, and {@link TopicReplay} does, from their first records up to where the consumers got. A
 * service declares one as a bean; {@code /admin/topic-read-models} lists and replays them.
 */
public interface TopicReadModel {

    /** Its name in the admin API, e.g. {@code known-reviews}. */
    String name();

    /** The consumers whose records build it: each one's topic is replayed up to its stored positions. */
    List<Subscription> subscriptions();

    /** Its tables: locked against writes while the rebuilt rows replace the live ones. */
    List<String> tables();

    /** A new, empty copy to replay into. */
    Copy copy();

    /**
     * The read model as the records replayed so far tell it, held in memory, used from one worker thread at a time.
     * It reads each record with the consumer's own code, so both build the same rows.
     */
    interface Copy {

        /**
         * Applies one record as the consumer does. Throws {@code PoisonMessage}, changing nothing, for a record the
         * consumer dead-letters: it told the read model nothing. The replay has already left out the records whose
         * CloudEvent id the consumer's inbox skips.
         *
         * @param timestamp the record's Kafka timestamp, for times a record does not carry itself (the consumer has
         *                  the clock there, which no replay can know)
         */
        void apply(IncomingMessage message, Instant timestamp);

        /** How many rows it holds. */
        int rows();

        /** Replaces the live rows by these, in the transaction that holds the {@link #tables()} locked. */
        Uni<Void> replace(Mutiny.Session session);
    }
}
