package dev.incidentlifecycle.eventstore.relay;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** Configuration of the service's event relay ({@code event-store.relay.*}). */
@ConfigMapping(prefix = "event-store.relay")
public interface RelayConfig {

    /** Whether this instance takes part in relaying at all (one of the running instances relays). */
    @WithDefault("true")
    boolean enabled();

    /** The relay's name: its checkpoint, its lock and its Kafka transactional id derive from it. */
    String name();

    /** The CloudEvents {@code source} of everything this service publishes, e.g. {@code /incident-service}. */
    String source();

    /** Topic per stream type; events of stream types not listed stay internal to the service. */
    Map<String, String> topics();

    /** At most this many events are published per Kafka transaction. */
    @WithDefault("500")
    int batchSize();

    /**
     * How long the relay waits for a notification of new events before it looks anyway. Appends notify it
     * (LISTEN/NOTIFY); the poll catches events held back by a transaction that ended without appending.
     * Must stay below {@link #leaderTimeout()}.
     */
    @WithDefault("PT1S")
    Duration fallbackPoll();

    /**
     * How often at most the checkpoint is written. Between checkpoints the last position on Kafka says how far the
     * relay got, so a relay taking over after a crash does not publish again what it finds there.
     */
    @WithDefault("PT1S")
    Duration checkpointInterval();

    /**
     * How long a leader the database does not hear from keeps its lock (the server ends its session), and how long
     * the leader waits for any answer from the database before it gives up leading (socket, connect and login timeouts).
     */
    @WithDefault("PT5S")
    Duration leaderTimeout();

    /** How often a standby instance tries to become the relay. */
    @WithDefault("PT1S")
    Duration standbyRetry();
}
