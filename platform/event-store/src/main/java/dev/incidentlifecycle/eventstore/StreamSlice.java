package dev.incidentlifecycle.eventstore;

import java.util.List;

/**
 * Consecutive events of one stream, oldest first, with the stream's version when they were read. Versions run from 1
 * without gaps, so the version is also how many events the stream has: the total of a page of its history.
 */
public record StreamSlice(List<StoredEvent> events, long streamVersion) {

    /** Whether the stream has no events at all (an unknown aggregate), not merely none in this slice. */
    public boolean streamIsEmpty() {
        return streamVersion == 0;
    }
}
