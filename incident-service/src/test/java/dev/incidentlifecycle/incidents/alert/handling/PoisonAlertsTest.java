package dev.incidentlifecycle.incidents.alert.handling;

import dev.incidentlifecycle.testing.KafkaTopic;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.incidentlifecycle.incidents.Http.alertRecord;
import static dev.incidentlifecycle.incidents.Http.alertsOfService;
import static dev.incidentlifecycle.incidents.Http.alertsWithKey;
import static dev.incidentlifecycle.incidents.Http.cloudEvent;
import static dev.incidentlifecycle.incidents.Http.trigger;
import static dev.incidentlifecycle.incidents.Http.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Records of the alerts topic that can never be handled, and records delivered twice. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "incident"))
class PoisonAlertsTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    static long occurrences(String key) {
        List<Map<String, Object>> alerts = alertsWithKey(key);
        return alerts.isEmpty() ? 0 : ((Number) alerts.get(0).get("occurrences")).longValue();
    }

    @Test
    void poison_goes_to_alerts_dlq_with_its_reasons_and_the_records_around_it_are_handled() {
        String service = unique("poison");
        String key = unique("poison-key");
        try (KafkaTopic dlq = KafkaTopic.readFromStart("alerts.dlq")) {
            RealInfrastructure.produce(
                    alertRecord(key, trigger(key, "warning", service, "first")),
                    alertRecord(key, "this is { not json"),
                    alertRecord(key, "{\"event_action\":\"trigger\",\"dedup_key\":\"" + key + "\",\"payload\":"
                            + "{\"summary\":42,\"source\":\"h\",\"severity\":\"warning\"},\"links\":\"none\"}"),
                    alertRecord(key, "{\"event_action\":\"trigger\",\"dedup_key\":\"" + key + "\",\"payload\":{\"summary\":\"x\"}}"),
                    alertRecord(key, "{\"event_action\":\"explode\",\"dedup_key\":\"" + key + "\"}"),
                    alertRecord(key, "[\"an\", \"array\"]"),
                    alertRecord(key, trigger(key, "warning", service, "second")));

            await().atMost(WAIT).until(() -> occurrences(key) == 2);
            await().atMost(WAIT).until(() -> dlq.poll().withKey(key).size() == 5);
            List<String> reasons = dlq.withKey(key).stream().map(r -> KafkaTopic.header(r, "dead-letter-reason")).toList();
            assertThat(reasons).satisfiesExactly(
                    r -> assertThat(r).contains("not JSON"),
                    r -> assertThat(r).contains("'payload.summary' must be a string").contains("'links' must be an array"),
                    r -> assertThat(r).contains("'payload.source' is missing or blank")
                            .contains("'payload.severity' is missing or blank"),
                    r -> assertThat(r).contains("'event_action' is invalid"),
                    r -> assertThat(r).contains("not a JSON object"));
            ConsumerRecord<String, byte[]> notJson = dlq.withKey(key).get(0);
            assertThat(KafkaTopic.value(notJson)).isEqualTo("this is { not json");
        }
        assertThat(alertsWithKey(key)).hasSize(1);
    }

    /**
     * Records that valid JSON lets through but the database would refuse (a NUL character, a component too long
     * for an index) or of the wrong types, sent with keys that spread over every partition: each is dead-lettered
     * with its reason, and the good alerts written after them, on every partition, are all handled.
     */
    @Test
    void hostile_records_on_every_partition_are_dead_lettered_and_the_alerts_after_them_handled() {
        String service = unique("hostile");
        String run = unique("hostile-key");
        String longComponent = "c".repeat(3_000);
        List<ProducerRecord<String, byte[]>> records = new java.util.ArrayList<>();
        List<String> goodKeys = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String bad = run + "-bad-" + i;
            String body = switch (i % 3) {
                case 0 -> "{\"event_action\":\"trigger\",\"dedup_key\":\"" + bad + "\",\"payload\":{\"summary\":"
                        + "\"nul \\u0000 inside\",\"source\":\"h\",\"severity\":\"critical\",\"component\":\"" + service + "\"}}";
                case 1 -> "{\"event_action\":\"trigger\",\"dedup_key\":\"" + bad + "\",\"payload\":{\"summary\":\"long\","
                        + "\"source\":\"h\",\"severity\":\"critical\",\"component\":\"" + longComponent + "\"}}";
                default -> "{\"event_action\":\"trigger\",\"dedup_key\":" + i + ",\"payload\":{\"summary\":[1],"
                        + "\"source\":{},\"severity\":\"critical\"}}";
            };
            records.add(alertRecord(bad, body));
        }
        for (int i = 0; i < 12; i++) {
            String good = run + "-good-" + i;
            goodKeys.add(good);
            records.add(alertRecord(good, trigger(good, "warning", service, "after the hostile ones")));
        }
        try (KafkaTopic dlq = KafkaTopic.readFromStart("alerts.dlq")) {
            RealInfrastructure.produce(records.toArray(ProducerRecord[]::new));
            await().atMost(WAIT).until(() -> goodKeys.stream().allMatch(key -> occurrences(key) == 1));
            await().atMost(WAIT).until(() -> dlq.poll().records().stream()
                    .filter(r -> r.key() != null && r.key().startsWith(run + "-bad-")).count() == 12);
            assertThat(dlq.records().stream().filter(r -> r.key() != null && r.key().startsWith(run + "-bad-")))
                    .allSatisfy(r -> assertThat(KafkaTopic.header(r, "dead-letter-reason")).isNotBlank());
        }
        assertThat(alertsOfService(service)).hasSize(12);
    }

    @Test
    void the_same_cloud_event_delivered_twice_counts_once() {
        String service = unique("twice");
        String key = unique("twice-key");
        String id = UUID.randomUUID().toString();
        RealInfrastructure.produce(
                cloudEvent("alerts", key, id, "alert.signal", "/tests", trigger(key, "warning", service, "once")),
                cloudEvent("alerts", key, id, "alert.signal", "/tests", trigger(key, "warning", service, "once")),
                cloudEvent("alerts", key, UUID.randomUUID().toString(), "alert.signal", "/tests",
                        trigger(key, "warning", service, "twice")));
        // The records of one key are handled in order: once the third is counted, the second was skipped.
        await().atMost(WAIT).until(() -> occurrences(key) >= 2);
        assertThat(occurrences(key)).isEqualTo(2);
    }

    @Test
    void a_structured_cloud_event_carries_the_pagerduty_body_as_its_data() {
        String service = unique("structured");
        String key = unique("structured-key");
        String event = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"alert.signal\","
                + "\"source\":\"/monitoring\",\"datacontenttype\":\"application/json\",\"data\":"
                + trigger(key, "critical", service, "disk full") + "}";
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        RealInfrastructure.produce(new ProducerRecord<>("alerts", null, key, event.getBytes(StandardCharsets.UTF_8), headers));
        await().atMost(WAIT).until(() -> occurrences(key) == 1);
        assertThat(alertsWithKey(key).get(0)).containsEntry("summary", "disk full").containsEntry("severity", "CRITICAL");
    }

    @Test
    void a_trigger_without_a_dedup_key_gets_one_from_its_record() {
        String service = unique("keyless");
        String body = "{\"event_action\":\"trigger\",\"payload\":{\"summary\":\"keyless\",\"source\":\"h\","
                + "\"severity\":\"info\",\"component\":\"" + service + "\"}}";
        RealInfrastructure.produce(alertRecord(null, body));
        await().atMost(WAIT).until(() -> alertsOfService(service).size() == 1);
        assertThat((String) alertsOfService(service).get(0).get("dedupKey"))
                .matches("[0-9a-f-]{36}");
    }
}
