package dev.incidentlifecycle.testing;

import java.time.Duration;
import java.util.Map;

import dev.incidentlifecycle.infra.Topics;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** The test JVM's Kafka broker as a test sees it. */
public final class KafkaBroker {

    private final String bootstrapServers;

    KafkaBroker(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Creates topics a test needs beyond {@link Topics#STANDARD} (which exist already); existing ones are
     * left alone.
     */
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        Topics.create(bootstrapServers, partitionsByTopic, Duration.ofSeconds(60));
    }

    /** A new companion on this broker; close it when done (try-with-resources or {@code @AfterAll}). */
    public KafkaCompanion companion() {
        return KafkaClients.companion(bootstrapServers);
    }
}
