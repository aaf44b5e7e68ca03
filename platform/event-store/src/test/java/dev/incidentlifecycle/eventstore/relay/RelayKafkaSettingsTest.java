package dev.incidentlifecycle.eventstore.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The relay's Kafka clients connect the way the service's consumers do: with every {@code kafka.*} client setting of
 * the service (a SASL/SCRAM login, TLS), not only the bootstrap servers, so that a broker with authentication and
 * ACLs (deploy/) lets them in.
 */
class RelayKafkaSettingsTest {

    /** What {@code kafka.*} configuration (or {@code KAFKA_*} variables) of a service gives its Kafka clients. */
    private static final Map<String, Object> SERVICE = Map.of(
            "bootstrap.servers", "kafka:9093",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"s\" password=\"p\";",
            "ssl.truststore.type", "PEM",
            "group.id", "incident-service",
            "acks", "1");

    @Test
    void theTransactionalProducerLogsInAsTheServiceAndKeepsItsOwnGuarantees() {
        Map<String, Object> producer = BatchPublisher.producerSettings(SERVICE, "event-relay-incident-service");

        assertThat(producer)
                .containsEntry("bootstrap.servers", "kafka:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", SERVICE.get("sasl.jaas.config"))
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("transactional.id", "event-relay-incident-service")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("acks", "all");
    }

    @Test
    void thePublishedPositionReaderLogsInAsTheServiceAndJoinsNoGroup() {
        Map<String, Object> consumer = PublishedPosition.consumerSettings(SERVICE);

        assertThat(consumer)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", SERVICE.get("sasl.jaas.config"))
                .containsEntry("isolation.level", "read_committed")
                .doesNotContainKey("group.id");
    }
}
