package dev.incidentlifecycle.eventstore.consuming;

import java.time.Duration;

/**
 * A consumer's place in Kafka and in the database.
 *
 * @param consumer the name its positions and inbox entries are kept under, e.g. {@code incident-service/alerts}
 * @param topic    the topic it reads; poison goes to {@code <topic>.dlq}
 * @param group    its Kafka consumer group
 * @param gather   how long the broker may hold a fetch back to gather a larger batch ({@code fetch.max.wait.ms});
 *                 zero: records are handed over as soon as they arrive. A consumer whose effects are not urgent
 *                 trades this much delay for fewer, larger transactions, and so far less work per record.
 */
public record Subscription(String consumer, String topic, String group, Duration gather) {

    /** Gathering stops at this many bytes of records ({@code fetch.min.bytes}): about a poll's worth of events. */
    static final int GATHERED_BYTES = 256 * 1024;

    public Subscription {
        if (gather == null || gather.isNegative()) {
            throw new IllegalArgumentException("gather must be zero or more, was " + gather);
        }
    }

    public Subscription(String consumer, String topic, String group) {
        this(consumer, topic, group, Duration.ZERO);
    }

    /**
     * The subscription configured as {@code event-store.consumers.<name>.topic}, {@code .group} and, optionally,
     * {@code .gather} (a duration, default 0); its consumer name is {@code <quarkus.application.name>/<topic>}.
     */
    public static Subscription configured(String name) {
        org.eclipse.microprofile.config.Config config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        String prefix = "event-store.consumers." + name;
        String topic = config.getValue(prefix + ".topic", String.class);
        String group = config.getValue(prefix + ".group", String.class);
        Duration gather = config.getOptionalValue(prefix + ".gather", Duration.class).orElse(Duration.ZERO);
        return new Subscription(config.getValue("quarkus.application.name", String.class) + "/" + topic, topic, group, gather);
    }

    public String deadLetterTopic() {
        return topic + ".dlq";
    }
}
