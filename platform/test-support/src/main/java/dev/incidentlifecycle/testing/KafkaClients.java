package dev.incidentlifecycle.testing;

import java.time.Duration;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Kafka clients for tests, on the test JVM's broker. Dev Services are off, so Quarkus'
 * {@code KafkaCompanionResource} (which starts a container) is not used: build the companion here.
 *
 * <pre>{@code
 * try (KafkaCompanion kafka = KafkaClients.companion()) {
 *     kafka.produceStrings().fromRecords(KafkaCompanion.record("alerts", "dedup-key", json)).awaitCompletion();
 *     var events = kafka.consumeStrings().fromTopics("incident-events", 1).awaitCompletion();
 * }
 * }</pre>
 */
public final class KafkaClients {

    private static final Duration API_TIMEOUT = Duration.ofSeconds(30);

    private KafkaClients() {
    }

    /** A new companion on the test JVM's broker (started if needed); close it when done. */
    public static KafkaCompanion companion() {
        return companion(RealInfrastructure.bootstrapServers());
    }

    static KafkaCompanion companion(String bootstrapServers) {
        return new KafkaCompanion(bootstrapServers, API_TIMEOUT);
    }
}
