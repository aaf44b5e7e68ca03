package dev.incidentlifecycle.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The system's Kafka topics and their partition counts, and the one way they are created (by the launcher, by
 * tests, against an embedded or an existing broker).
 */
public final class Topics {

    public static final String ALERTS = "alerts";
    public static final String INCIDENT_EVENTS = "incident-events";
    public static final String REVIEW_EVENTS = "review-events";
    public static final String ACTION_ITEM_EVENTS = "action-item-events";
    /** notification-service's notices about its webhook subscriptions (webhook.subscription-disabled). */
    public static final String NOTIFICATION_EVENTS = "notification-events";
    /** Change events (deploys, configuration, feature flags), key = the service changed. */
    public static final String CHANGES = "changes";

    /**
     * The topics that are the services' published history: kept without a time limit unless
     * {@value #EVENT_RETENTION_MS} says otherwise, so a subscriber that starts later replays every outcome, and a read
     * model built from a topic can be rebuilt from its beginning.
     */
    public static final List<String> EVENT_LOGS = List.of(INCIDENT_EVENTS, REVIEW_EVENTS, ACTION_ITEM_EVENTS, NOTIFICATION_EVENTS);
    /** How long the {@link #EVENT_LOGS} keep a record, in milliseconds: -1 (the default) for ever. */
    public static final String EVENT_RETENTION_MS = "EVENT_RETENTION_MS";
    public static final long KEEP_FOREVER = -1;

    /** Suffix of the dead-letter topic that receives the records a consumer of a topic can never handle. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    /**
     * Every topic of the system with its partition count, in a stable order: the five topics the services
     * consume, notification-events (consumed only outside the system, so no dead letters), then the dead-letter topics
     * of the five with one partition each (dead letters are few and read by people, not in parallel).
     */
    public static final Map<String, Integer> STANDARD = standard();

    private Topics() {
    }

    /** {@code <topic>.dlq}. */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    private static Map<String, Integer> standard() {
        Map<String, Integer> main = new LinkedHashMap<>();
        main.put(ALERTS, 6);
        main.put(INCIDENT_EVENTS, 6);
        main.put(REVIEW_EVENTS, 3);
        main.put(ACTION_ITEM_EVENTS, 3);
        main.put(CHANGES, 3);
        Map<String, Integer> all = new LinkedHashMap<>(main);
        // Published for tools outside the system; no service here consumes it, so no consumer dead-letters it.
        all.put(NOTIFICATION_EVENTS, 3);
        main.keySet().forEach(topic -> all.put(deadLetter(topic), 1));
        return Collections.unmodifiableMap(all);
    }

    /**
     * Creates the topics that do not exist yet (one replica each) on the broker at {@code bootstrapServers} and
     * waits until the broker serves every one of them. Existing topics are left as they are.
     */
    public static void create(String bootstrapServers, Map<String, Integer> partitionsByTopic, Duration timeout) {
        if (partitionsByTopic.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin(bootstrapServers)) {
            List<NewTopic> topics = new ArrayList<>();
            partitionsByTopic.forEach((name, partitions) -> topics.add(new NewTopic(name, partitions, (short) 1)));
            retry(deadline, "create topics " + partitionsByTopic.keySet() + " on " + bootstrapServers, () -> {
                admin.createTopics(topics).values().forEach((name, created) -> {
                    try {
                        created.get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw new KafkaCallFailed(e.getCause());
                        }
                    } catch (InterruptedException | TimeoutException e) {
                        throw new KafkaCallFailed(e);
                    }
                });
                return null;
            });
            // Creation is acknowledged by the controller; wait until the broker has every partition's leader too.
            Set<String> names = partitionsByTopic.keySet();
            retry(deadline, "see topics " + names + " on " + bootstrapServers, () -> {
                Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
                        .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                boolean led = described.values().stream()
                        .allMatch(topic -> topic.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                if (!led) {
                    throw new NotYet("partitions without a leader yet");
                }
                return null;
            });
        }
    }

    /**
     * Sets {@code retention.ms} of the {@link #EVENT_LOGS} that exist on the broker, new or created before (so a data
     * folder from an earlier version stops losing history too).
     */
    public static void retainEvents(String bootstrapServers, long retentionMs, Duration timeout) {
        if (retentionMs < KEEP_FOREVER || retentionMs == 0) {
            throw new IllegalArgumentException(EVENT_RETENTION_MS + " must be -1 (for ever) or a positive number of milliseconds, not "
                    + retentionMs);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin(bootstrapServers)) {
            retry(deadline, "set the retention of " + EVENT_LOGS + " on " + bootstrapServers, () -> {
                Set<String> existing = admin.listTopics().names().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                Map<ConfigResource, java.util.Collection<AlterConfigOp>> changes = new LinkedHashMap<>();
                for (String topic : EVENT_LOGS) {
                    if (existing.contains(topic)) {
                        changes.put(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(new AlterConfigOp(
                                new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs)), AlterConfigOp.OpType.SET)));
                    }
                }
                try {
                    admin.incrementalAlterConfigs(changes).all().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    throw new KafkaCallFailed(e.getCause());
                }
                return null;
            });
        }
    }

    /** Returns once the broker at {@code bootstrapServers} answers, or fails after {@code timeout}. */
    static void awaitBroker(String bootstrapServers, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin(bootstrapServers)) {
            retry(deadline, "reach the Kafka broker at " + bootstrapServers, () -> {
                if (admin.describeCluster().nodes().get(remainingMillis(deadline), TimeUnit.MILLISECONDS).isEmpty()) {
                    throw new NotYet("no broker registered yet");
                }
                return null;
            });
        }
    }

    static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "incident-lifecycle-infra",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000"));
    }

    private interface KafkaCall {
        Object call() throws Exception;
    }

    private static void retry(long deadline, String what, KafkaCall call) {
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            try {
                call.call();
                return;
            } catch (Exception e) {
                Throwable cause = e instanceof KafkaCallFailed || e instanceof ExecutionException ? e.getCause() : e;
                if (!(cause instanceof RetriableException) && !(cause instanceof TimeoutException)) {
                    throw new IllegalStateException("Could not " + what + ": " + cause, cause);
                }
                last = cause;
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }
        throw new IllegalStateException("Could not " + what + " in time", last);
    }

    private static long remainingMillis(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static final class NotYet extends RetriableException {
        NotYet(String message) {
            super(message);
        }
    }

    private static final class KafkaCallFailed extends RuntimeException {
        KafkaCallFailed(Throwable cause) {
            super(cause);
        }
    }
}
