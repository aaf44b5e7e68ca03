package dev.incidentlifecycle.eventstore;

/**
 * An aggregate's state and the stream version it was folded to; version 0 means no events yet.
 */
public record Loaded<S>(String aggregateId, S state, long version) {

    public boolean exists() {
        return version > 0;
    }
}
