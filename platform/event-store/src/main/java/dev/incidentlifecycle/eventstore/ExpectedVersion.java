package dev.incidentlifecycle.eventstore;

/** The stream versions an append can state besides an exact one. */
public final class ExpectedVersion {

    /** Whatever the stream's version is when the command is decided; a concurrent write makes it retry. */
    public static final long ANY = -1;

    /** The stream must not exist yet. */
    public static final long NO_STREAM = 0;

    private ExpectedVersion() {
    }
}
