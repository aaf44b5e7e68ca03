package dev.incidentlifecycle.incidents.alert.handling;

import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static dev.incidentlifecycle.incidents.Http.alertRecord;
import static dev.incidentlifecycle.incidents.Http.alertsOfService;
import static dev.incidentlifecycle.incidents.Http.alertsWithKey;
import static dev.incidentlifecycle.incidents.Http.followUp;
import static dev.incidentlifecycle.incidents.Http.incidentsOfService;
import static dev.incidentlifecycle.incidents.Http.timelineTypes;
import static dev.incidentlifecycle.incidents.Http.trigger;
import static dev.incidentlifecycle.incidents.Http.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An alert storm written straight to the alerts topic: 20,000 triggers of 25 dedup keys over 5 services.
 * PagerDuty's dedup semantics must hold exactly; how long it takes is printed, not asserted.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "incident"))
class AlertStormTest {

    static final int TRIGGERS = 20_000;
    static final int KEYS = 25;
    static final int SERVICES = 5;

    static long occurrencesOf(List<String> services) {
        return services.stream().flatMap(s -> alertsOfService(s).stream())
                .mapToLong(alert -> ((Number) alert.get("occurrences")).longValue()).sum();
    }

    static long resolvedOf(List<String> services) {
        return services.stream().flatMap(s -> alertsOfService(s).stream())
                .filter(alert -> "RESOLVED".equals(alert.get("status"))).count();
    }

    @Test
    void twenty_thousand_triggers_of_25_keys_are_25_alerts_in_5_incidents() throws Exception {
        String run = unique("storm");
        List<String> services = IntStream.range(0, SERVICES).mapToObj(i -> run + "-service-" + i).toList();
        List<String> keys = IntStream.range(0, KEYS).mapToObj(i -> run + "-key-" + i).toList();

        long start = System.nanoTime();
        produce(IntStream.range(0, TRIGGERS).mapToObj(i -> {
            String key = keys.get(i % KEYS);
            return alertRecord(key, trigger(key, "critical", services.get(i % KEYS % SERVICES), "Storm alert " + key));
        }).toList());
        long produced = System.nanoTime();
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1))
                .until(() -> occurrencesOf(services) == TRIGGERS);
        long handled = System.nanoTime();
        System.out.printf("alert storm: %d triggers produced in %d ms, all handled %d ms after the first was produced: %.0f alerts/s%n",
                TRIGGERS, (produced - start) / 1_000_000, (handled - start) / 1_000_000,
                TRIGGERS / ((handled - start) / 1e9));

        List<Map<String, Object>> alerts = services.stream().flatMap(s -> alertsOfService(s).stream()).toList();
        assertThat(alerts).hasSize(KEYS);
        assertThat(alerts).allSatisfy(alert -> assertThat(alert)
                .containsEntry("status", "TRIGGERED")
                .containsEntry("occurrences", TRIGGERS / KEYS));
        for (String service : services) {
            List<Map<String, Object>> incidents = incidentsOfService(service);
            assertThat(incidents).as("incidents of %s", service).hasSize(1);
            assertThat(incidents.get(0)).containsEntry("severity", "SEV2").containsEntry("alertCount", KEYS / SERVICES);
            assertThat(alertsOfService(service)).extracting(a -> a.get("incidentId")).containsOnly(incidents.get(0).get("id"));
        }

        long resolving = System.nanoTime();
        produce(keys.stream().map(key -> alertRecord(key, followUp("resolve", key))).toList());
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> resolvedOf(services) == KEYS);
        System.out.printf("alert storm: %d resolves handled in %d ms%n", KEYS, (System.nanoTime() - resolving) / 1_000_000);
        for (String service : services) {
            String incidentId = (String) incidentsOfService(service).get(0).get("id");
            assertThat(timelineTypes(incidentId)).containsOnlyOnce("incident.alerts-all-resolved");
        }

        String again = keys.get(0);
        produce(List.of(alertRecord(again, trigger(again, "critical", services.get(0), "Storm alert " + again))));
        await().atMost(Duration.ofMinutes(1)).until(() -> alertsWithKey(again).size() == 2);
        Map<String, Object> reopened = alertsWithKey(again).get(0);
        assertThat(reopened).containsEntry("status", "TRIGGERED").containsEntry("occurrences", 1);
        assertThat(alertsWithKey(again).get(1)).containsEntry("status", "RESOLVED").containsEntry("occurrences", TRIGGERS / KEYS);
        // Still inside the grouping window of the service's open incident: the new alert joins it.
        assertThat(reopened.get("incidentId")).isEqualTo(incidentsOfService(services.get(0)).get(0).get("id"));
        assertThat(incidentsOfService(services.get(0))).hasSize(1);
    }

    /**
     * Every kind of signal, interleaved over many keys and written in waves, so that batch boundaries fall
     * anywhere in each key's sequence: repeats collapse within a batch, but every count, status and alert is exact.
     */
    @Test
    void triggers_acknowledges_and_resolves_of_many_keys_are_exact_wherever_batches_split_them() throws Exception {
        String run = unique("waves");
        int keyCount = 60;
        List<String> services = IntStream.range(0, 4).mapToObj(i -> run + "-service-" + i).toList();
        List<String> keys = IntStream.range(0, keyCount).mapToObj(i -> run + "-key-" + i).toList();
        // Per key: 5 triggers, an acknowledge, 3 more triggers (repeats of the acknowledged alert), a resolve, then 2
        // triggers that open the key's second alert. Each wave is written for every key before the next.
        List<List<String>> waves = List.of(
                List.of("trigger", "trigger", "trigger"), List.of("trigger", "trigger", "acknowledge"),
                List.of("trigger", "trigger", "trigger", "resolve"), List.of("trigger"), List.of("trigger"));
        for (List<String> wave : waves) {
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
            for (String action : wave) {
                for (int k = 0; k < keyCount; k++) {
                    String key = keys.get(k);
                    records.add(alertRecord(key, action.equals("trigger")
                            ? trigger(key, "critical", services.get(k % services.size()), "Wave alert " + key)
                            : followUp(action, key)));
                }
            }
            produce(records);
        }
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> keys.stream().allMatch(key -> alertsWithKey(key).size() == 2
                        && ((Number) alertsWithKey(key).get(0).get("occurrences")).intValue() == 2));
        for (String key : keys) {
            List<Map<String, Object>> alerts = alertsWithKey(key);
            assertThat(alerts.get(1)).as("first alert of %s", key)
                    .containsEntry("status", "RESOLVED").containsEntry("occurrences", 8);
            assertThat(alerts.get(1).get("acknowledgedAt")).isNotNull();
            assertThat(alerts.get(0)).as("second alert of %s", key)
                    .containsEntry("status", "TRIGGERED").containsEntry("occurrences", 2);
        }
        for (String service : services) {
            List<Map<String, Object>> incidents = incidentsOfService(service);
            assertThat(incidents).as("incidents of %s", service).hasSize(1);
            // Both alerts of each of the service's keys joined its one incident.
            assertThat(incidents.get(0)).containsEntry("alertCount", 2 * keyCount / services.size());
        }
    }

    /** Fast, as an alerting system in a storm would: one producer, batched, acks=all, every send acknowledged. */
    static void produce(List<ProducerRecord<String, byte[]>> records) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            List<Future<?>> sent = new ArrayList<>(records.size());
            for (ProducerRecord<String, byte[]> record : records) {
                sent.add(producer.send(record));
            }
            for (Future<?> ack : sent) {
                ack.get();
            }
        }
    }
}
