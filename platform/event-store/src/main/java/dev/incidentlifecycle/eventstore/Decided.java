package dev.incidentlifecycle.eventstore;

import java.util.List;

/**
 * What a command did: the events it appended (none for an idempotent repeat) and the state and
 * version after them.
 */
public record Decided<S, E>(String aggregateId, S state, long version, List<RecordedEvent<E>> events) {

    public boolean changed() {
        return !events.isEmpty();
    }
}
