package dev.incidentlifecycle.eventstore;

/**
 * An append stated a stream version that is no longer the stream's current one, or what a transaction decided
 * against changed before it could commit: someone else wrote first. Nothing of the failed transaction was written.
 */
public class ConcurrencyConflict extends RuntimeException {

    private final String streamId;
    private final long expectedVersion;
    private final long actualVersion;
    private final boolean retryable;

    public ConcurrencyConflict(String streamId, long expectedVersion, long actualVersion, boolean retryable) {
        super("stream " + streamId + " is at version " + (actualVersion < 0 ? "unknown" : actualVersion)
                + ", not the expected " + expectedVersion, null, false, false);
        this.streamId = streamId;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
        this.retryable = retryable;
    }

    /** Something read before the transaction's locks that changed before it got them: running it again is safe. */
    public ConcurrencyConflict(String message) {
        super(message, null, false, false);
        this.streamId = null;
        this.expectedVersion = -1;
        this.actualVersion = -1;
        this.retryable = true;
    }

    /** The stream whose version moved, or null when the conflict is not about one stream's version. */
    public String streamId() {
        return streamId;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    /** The stream's version when the conflict was seen, or -1 when a concurrent commit was only detected. */
    public long actualVersion() {
        return actualVersion;
    }

    /**
     * True when the command did not state a version (it came from Kafka, or without If-Match): running it
     * again against the new state is safe. False when the caller stated a version and must look again.
     */
    public boolean retryable() {
        return retryable;
    }
}
