package dev.incidentlifecycle.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

    @TempDir
    Path folder;

    @Test
    void creates_topics_with_their_partitions_and_carries_a_record_from_producer_to_consumer() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(folder)) {
            kafka.createTopics(Map.of("alerts", 6, "alerts.dlq", 1));

            try (Admin admin = Topics.admin(kafka.bootstrapServers())) {
                var topics = admin.describeTopics(Set.of("alerts", "alerts.dlq")).allTopicNames().get();
                assertThat(topics.get("alerts").partitions()).hasSize(6);
                assertThat(topics.get("alerts.dlq").partitions()).hasSize(1);
            }
            produce(kafka, "alerts", "checkout-latency", "firing");

            assertThat(consumeAll(kafka, "alerts", 1))
                    .extracting(ConsumerRecord::key, ConsumerRecord::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("checkout-latency", "firing"));
        }
    }

    @Test
    void the_event_topics_keep_their_records_for_ever_and_the_others_keep_the_brokers_default() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(folder)) {
            kafka.createTopics(Topics.STANDARD);
            Topics.retainEvents(kafka.bootstrapServers(), Topics.KEEP_FOREVER, Duration.ofSeconds(60));
            // The broker applies a configuration change shortly after the controller took it.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(retentionOf(kafka, "incident-events")).isEqualTo("-1");
                assertThat(retentionOf(kafka, "review-events")).isEqualTo("-1");
                assertThat(retentionOf(kafka, "action-item-events")).isEqualTo("-1");
                assertThat(retentionOf(kafka, "notification-events")).isEqualTo("-1");
            });
            assertThat(retentionOf(kafka, "alerts")).isEqualTo("604800000");

            // Configurable, and applied to topics that already exist.
            Topics.retainEvents(kafka.bootstrapServers(), Duration.ofDays(400).toMillis(), Duration.ofSeconds(60));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(retentionOf(kafka, "review-events")).isEqualTo(Long.toString(Duration.ofDays(400).toMillis())));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Infrastructure.eventRetention(Map.of(Topics.EVENT_RETENTION_MS, "a week")))
                .hasMessageContaining("EVENT_RETENTION_MS must be -1 (for ever) or a number of milliseconds");
        assertThat(Infrastructure.eventRetention(Map.of())).isEqualTo(Topics.KEEP_FOREVER);
    }

    private static String retentionOf(EmbeddedKafka kafka, String topic) throws Exception {
        try (Admin admin = Topics.admin(kafka.bootstrapServers())) {
            var resource = new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
            return admin.describeConfigs(List.of(resource)).all().get().get(resource).get("retention.ms").value();
        }
    }

    @Test
    void creating_a_topic_that_exists_changes_nothing() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(folder)) {
            kafka.createTopics(Map.of("incident-events", 6));
            kafka.createTopics(Map.of("incident-events", 6));
        }
    }

    @Test
    void a_broker_started_again_on_the_same_folder_finds_its_topics_and_records() throws Exception {
        int firstPort;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(folder)) {
            firstPort = kafka.port();
            kafka.createTopics(Map.of("incident-events", 3));
            produce(kafka, "incident-events", "INC-1", "incident.declared");
        }

        try (EmbeddedKafka restarted = EmbeddedKafka.start(folder)) {
            assertThat(restarted.dataFolder()).isEqualTo(folder.toAbsolutePath());
            try (Admin admin = Topics.admin(restarted.bootstrapServers())) {
                assertThat(admin.describeTopics(Set.of("incident-events")).allTopicNames().get()
                        .get("incident-events").partitions()).hasSize(3);
            }
            assertThat(consumeAll(restarted, "incident-events", 1))
                    .extracting(ConsumerRecord::value)
                    .containsExactly("incident.declared");
            assertThat(restarted.port()).as("free ports are picked anew").isPositive().isNotEqualTo(restarted.controllerPort());
            assertThat(firstPort).isPositive();
        }
    }

    static void produce(EmbeddedKafka kafka, String topic, String key, String value) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    static List<ConsumerRecord<String, String>> consumeAll(EmbeddedKafka kafka, String topic, int expected) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + System.nanoTime());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
