package dev.incidentlifecycle.testing;

import java.time.Duration;
import java.util.Map;

import dev.incidentlifecycle.infra.Topics;

/** The test JVM's Kafka broker as a test sees it; read topics with {@link KafkaTopic}, write with {@link RealInfrastructure#produce}. */
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
}
