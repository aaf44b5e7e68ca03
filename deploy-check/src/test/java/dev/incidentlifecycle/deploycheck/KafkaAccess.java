package dev.incidentlifecycle.deploycheck;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a service may do on Kafka, derived from its configuration, and nothing more: it reads the topics it consumes
 * ({@code event-store.consumers.*.topic}) in its consumer groups ({@code .group}), writes the dead-letter topic of each
 * ({@code <topic>.dlq}), writes the topics its relay publishes ({@code event-store.relay.topics.*}) with the relay's
 * transactional id ({@code event-relay-<event-store.relay.name>}) and reads them back (the relay looks for the last
 * position it published), and writes the topics it writes outside the event store ({@link #DIRECT_WRITES}).
 * Read and Write imply Describe, so Describe is never listed.
 */
record KafkaAccess(String service, Set<Acl> acls) {

    /** One allowed operation on one resource (literal name): type topic, group or transactional-id. */
    record Acl(String resourceType, String resource, String operation) implements Comparable<Acl> {

        @Override
        public int compareTo(Acl other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return operation + " " + resourceType + ":" + resource;
        }
    }

    /** The relay's transactional id: EventRelay.transactionalId in platform/event-store. */
    static final String TRANSACTIONAL_ID_PREFIX = "event-relay-";

    /**
     * Topics a service writes with a producer of its own rather than through the event store, with the source file that
     * names the topic: incident-service's HTTP ingestion endpoints write alerts (AlertsTopic) and changes (ChangesTopic).
     */
    static final Map<String, Map<String, String>> DIRECT_WRITES = Map.of(
            "incident-service", Map.of("alerts",
                    "incident-service/src/main/java/dev/incidentlifecycle/incidents/alert/ingest/AlertsTopic.java",
                    "changes", "incident-service/src/main/java/dev/incidentlifecycle/incidents/change/ChangesTopic.java"));

    static KafkaAccess of(ServiceConfiguration configuration) {
        Set<Acl> acls = new TreeSet<>();
        Map<String, String> consumers = configuration.settings("event-store.consumers.");
        consumers.forEach((key, value) -> {
            if (key.endsWith(".topic")) {
                acls.add(new Acl("topic", value, "Read"));
                acls.add(new Acl("topic", value + ".dlq", "Write"));
            } else if (key.endsWith(".group")) {
                acls.add(new Acl("group", value, "Read"));
            }
        });
        String relay = configuration.setting("event-store.relay.name");
        if (relay != null && !"false".equals(configuration.setting("event-store.relay.enabled"))) {
            configuration.settings("event-store.relay.topics.").values().forEach(topic -> {
                acls.add(new Acl("topic", topic, "Read"));
                acls.add(new Acl("topic", topic, "Write"));
            });
            acls.add(new Acl("transactional-id", TRANSACTIONAL_ID_PREFIX + relay, "Write"));
        }
        DIRECT_WRITES.getOrDefault(configuration.service(), Map.of()).forEach((topic, source) -> {
            String code = Repository.read(source);
            if (!Pattern.compile("TOPIC\\s*=\\s*\"" + Pattern.quote(topic) + "\"").matcher(code).find()) {
                throw new AssertionError(source + " no longer names the topic " + topic + ": update KafkaAccess.DIRECT_WRITES");
            }
            acls.add(new Acl("topic", topic, "Write"));
        });
        return new KafkaAccess(configuration.service(), acls);
    }
}
