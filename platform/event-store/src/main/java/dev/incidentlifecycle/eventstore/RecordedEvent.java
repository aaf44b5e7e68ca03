package dev.incidentlifecycle.eventstore;

/** A domain event together with the envelope it was stored in. */
public record RecordedEvent<E>(E event, StoredEvent envelope) {

    public EventMetadata metadata() {
        return envelope.metadata();
    }

    public long streamVersion() {
        return envelope.streamVersion();
    }
}
