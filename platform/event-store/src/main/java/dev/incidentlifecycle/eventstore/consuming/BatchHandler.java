package dev.incidentlifecycle.eventstore.consuming;

import dev.incidentlifecycle.eventstore.UnitOfWork;
import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * What a service does with the records of one topic, a batch of one partition at a time. The
 * {@link PartitionedConsumer} runs each batch in one transaction, with the partition's consumed position
 * compared and set in it, so a batch is applied exactly once whatever crashes or rebalances happen.
 *
 * @param <T> what a record means to the service, read from it before the transaction
 */
public interface BatchHandler<T> {

    /** The topic, the consumer group, and the name this consumer's positions and inbox entries are kept under. */
    Subscription subscription();

    /**
     * Reads one record. A record that can never be handled throws ({@link PoisonMessage}, or the domain's
     * {@code InvalidCommand}): it is dead-lettered with the reason before the batch runs, and the batch goes on
     * without it. Null says the record tells this consumer nothing (an event type it does not read): it is passed
     * over, without an inbox entry or a place in the batch, and the position moves past it with the batch.
     */
    T read(IncomingMessage message);

    /**
     * Applies a batch of one partition, in offset order, inside {@code work}'s transaction. The messages whose
     * CloudEvent id this consumer has seen before are already left out. A failure rolls the whole batch back:
     * one that can heal by itself is retried; one that the batch causes every time makes the consumer run the
     * batch again one record at a time, to dead-letter just the record at fault.
     */
    Uni<Void> handle(UnitOfWork work, int partition, List<Read<T>> batch);

    /** The last {@link #handle} of this partition committed: state kept in memory for it may now be used. */
    default void committed(int partition) {
    }

    /** The last {@link #handle} of this partition did not commit, or the partition went elsewhere: forget it. */
    default void forget(int partition) {
    }

    /** One record as read, with the message it came in. */
    record Read<T>(IncomingMessage message, T value) {
    }
}
