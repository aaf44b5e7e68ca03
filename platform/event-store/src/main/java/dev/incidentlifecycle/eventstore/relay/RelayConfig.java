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

    /** How long the relay waits before looking again when it found nothing to publish. */
    @WithDefault("PT0.02S")
    Duration idleWait();

    /** How often a standby instance tries to become the relay. */
    @WithDefault("PT1S")
    Duration standbyRetry();
}
