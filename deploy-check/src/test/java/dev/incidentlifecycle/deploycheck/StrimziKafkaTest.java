package dev.incidentlifecycle.deploycheck;

import static dev.incidentlifecycle.deploycheck.YamlDocuments.at;
import static dev.incidentlifecycle.deploycheck.YamlDocuments.listAt;
import static dev.incidentlifecycle.deploycheck.YamlDocuments.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.incidentlifecycle.infra.Topics;

/** The Strimzi Kafka cluster and topics of deploy/kubernetes against platform/infra's topics and the services' settings. */
class StrimziKafkaTest {

    private final KubernetesBase base = KubernetesBase.load();

    @Test
    void topicResourcesDeclareTheStandardTopicsWithTheirPartitions() {
        Map<String, Integer> declared = new LinkedHashMap<>();
        for (Map<String, Object> topic : everywhere("KafkaTopic")) {
            String name = text(topic, "spec", "topicName") != null ? text(topic, "spec", "topicName") : text(topic, "metadata", "name");
            assertThat(declared.put(name, (Integer) at(topic, "spec", "partitions"))).as("topic " + name + " declared once").isNull();
        }

        assertThat(declared).isEqualTo(Topics.STANDARD);
    }

    @Test
    void theEventTopicsKeepTheirRecordsForEverAndNoOtherTopicDoes() {
        Map<String, Object> retention = new LinkedHashMap<>();
        for (Map<String, Object> topic : everywhere("KafkaTopic")) {
            Object kept = at(topic, "spec", "config", "retention.ms");
            if (kept != null) {
                retention.put(text(topic, "spec", "topicName"), kept);
            }
        }

        Map<String, Object> forEver = new LinkedHashMap<>();
        Topics.EVENT_LOGS.forEach(topic -> forEver.put(topic, (int) Topics.KEEP_FOREVER));
        assertThat(retention).isEqualTo(forEver);
    }

    @Test
    void topicsBelongToTheClusterAndFitItsBrokers() {
        Map<String, Object> kafka = single("Kafka");
        Map<String, Object> pool = single("KafkaNodePool");
        int brokers = (Integer) at(pool, "spec", "replicas");

        for (Map<String, Object> topic : everywhere("KafkaTopic")) {
            assertThat(text(topic, "metadata", "labels", "strimzi.io/cluster")).isEqualTo(text(kafka, "metadata", "name"));
            assertThat((Integer) at(topic, "spec", "replicas")).isBetween(1, brokers);
        }
    }

    @Test
    void kafkaRunsInKraftModeOnANodePool() {
        Map<String, Object> kafka = single("Kafka");
        Map<String, Object> pool = single("KafkaNodePool");

        assertThat(text(kafka, "apiVersion")).isEqualTo("kafka.strimzi.io/v1");
        assertThat(text(pool, "metadata", "labels", "strimzi.io/cluster")).isEqualTo(text(kafka, "metadata", "name"));
        assertThat(listAt(pool, "spec", "roles")).containsExactlyInAnyOrder("controller", "broker");
        assertThat(at(kafka, "spec", "zookeeper")).isNull();
        assertThat(at(kafka, "spec", "entityOperator", "topicOperator")).as("the topic operator manages KafkaTopics").isNotNull();
        assertThat(text(kafka, "spec", "kafka", "config", "auto.create.topics.enable")).isEqualTo("false");
    }

    @Test
    void kafkaIsTheVersionTheServicesAreBuiltAndTestedWith() {
        assertThat(text(single("Kafka"), "spec", "kafka", "version")).isEqualTo(Repository.kafkaVersion());
    }

    @Test
    void servicesBootstrapFromTheClustersTlsListener() {
        Map<String, Object> kafka = single("Kafka");
        Object tls = listAt(kafka, "spec", "kafka", "listeners").stream()
                .filter(listener -> "true".equals(text(listener, "tls")) && "internal".equals(text(listener, "type")))
                .findFirst().orElseThrow(() -> new AssertionError("no internal TLS listener"));
        String bootstrap = text(kafka, "metadata", "name") + "-kafka-bootstrap:" + text(tls, "port");

        assertThat(base.configMapValues("incident-lifecycle-config")).containsEntry("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
    }

    private Map<String, Object> single(String kind) {
        List<Map<String, Object>> found = everywhere(kind);
        assertThat(found).as(kind + " resources").hasSize(1);
        return found.get(0);
    }

    private static List<Map<String, Object>> everywhere(String kind) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (Path file : Repository.files(Kustomization.ROOT, ".yaml")) {
            YamlDocuments.of(file).stream().filter(document -> kind.equals(text(document, "kind"))).forEach(found::add);
        }
        return found;
    }
}
