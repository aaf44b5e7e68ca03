package dev.incidentlifecycle.eventstore.relay;

/**
 * A place in the event log in the relay's reading order: by writing transaction, then by sequence.
 * Written into every published record's {@code relay-position} header, so that after a crash the relay
 * can tell from Kafka itself what it had published.
 */
record LogPosition(long transactionId, long globalPosition) implements Comparable<LogPosition> {

    static final LogPosition START = new LogPosition(0, 0);
    static final String HEADER = "relay-position";

    static LogPosition parse(String text) {
        int colon = text.indexOf(':');
        return new LogPosition(Long.parseLong(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1)));
    }

    @Override
    public int compareTo(LogPosition other) {
        int byTransaction = Long.compare(transactionId, other.transactionId);
        return byTransaction != 0 ? byTransaction : Long.compare(globalPosition, other.globalPosition);
    }

    LogPosition max(LogPosition other) {
        return compareTo(other) >= 0 ? this : other;
    }

    @Override
    public String toString() {
        return transactionId + ":" + globalPosition;
    }
}
