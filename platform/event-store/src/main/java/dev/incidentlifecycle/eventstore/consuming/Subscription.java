package dev.incidentlifecycle.eventstore.consuming;

/**
 * A consumer's place in Kafka and in the database.
 *
 * @param consumer the name its positions and inbox entries are kept under, e.g. {@code incident-service/alerts}
 * @param topic    the topic it reads; poison goes to {@code <topic>.dlq}
 * @param group    its Kafka consumer group
 */
public record Subscription(String consumer, String topic, String group) {

    /**
     * The subscription configured as {@code event-store.consumers.<name>.topic} and {@code .group}; its consumer
     * name is {@code <quarkus.application.name>/<topic>}.
     */
    public static Subscription configured(String name) {
        org.eclipse.microprofile.config.Config config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        String topic = config.getValue("event-store.consumers." + name + ".topic", String.class);
        String group = config.getValue("event-store.consumers." + name + ".group", String.class);
        return new Subscription(config.getValue("quarkus.application.name", String.class) + "/" + topic, topic, group);
    }

    public String deadLetterTopic() {
        return topic + ".dlq";
    }
}
