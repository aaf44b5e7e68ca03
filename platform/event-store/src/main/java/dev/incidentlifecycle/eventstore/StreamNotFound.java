package dev.incidentlifecycle.eventstore;

/** The stream has no events (at the asked time). HTTP adapters answer 404. */
public class StreamNotFound extends RuntimeException {

    public StreamNotFound(String what) {
        super(what, null, false, false);
    }
}
