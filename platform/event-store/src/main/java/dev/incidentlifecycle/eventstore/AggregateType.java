package dev.incidentlifecycle.eventstore;

import dev.incidentlifecycle.eventsourcing.Decider;

/**
 * Everything the store needs to know of one kind of aggregate.
 *
 * @param streamType    the prefix of its stream ids ({@code incident} gives {@code incident-<id>})
 * @param decider       its decide/evolve logic
 * @param codec         its event names, versions and JSON
 * @param stateClass    its state type, for snapshots
 * @param snapshotEvery take a snapshot every so many events; 0 for never
 */
public record AggregateType<C, S, E>(
        String streamType, Decider<C, S, E> decider, EventCodec<E> codec, Class<S> stateClass, int snapshotEvery) {

    public AggregateType(String streamType, Decider<C, S, E> decider, EventCodec<E> codec, Class<S> stateClass) {
        this(streamType, decider, codec, stateClass, 0);
    }

    public String streamId(String aggregateId) {
        return streamType + "-" + aggregateId;
    }

    public String aggregateId(String streamId) {
        return streamId.substring(streamType.length() + 1);
    }
}
