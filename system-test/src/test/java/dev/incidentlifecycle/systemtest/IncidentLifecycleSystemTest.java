package dev.incidentlifecycle.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentlifecycle.infra.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The system as users meet it: the packaged services as separate processes on a real broker and a real
 * database, two incident-service instances in one consumer group.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncidentLifecycleSystemTest {

    static RunningSystem system;
    static String responder;
    static String reviewer;
    static String paymentsMember;
    static String searchMember;
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() throws Exception {
        system = new RunningSystem();
        try {
            system.start();
        } catch (Exception | AssertionError e) {
            system.close();
            throw e;
        }
        responder = system.token("sam.responder", List.of("responder"), List.of("platform"));
        reviewer = system.token("fac.amara", List.of("reviewer"), List.of());
        paymentsMember = system.token("priya", List.of("responder"), List.of("payments"));
        searchMember = system.token("omar", List.of("responder"), List.of("search"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (system != null) {
            system.close();
        }
    }

    static String incidents() {
        return system.incidentA.url();
    }

    /** The incident-service instance the storm test does not kill: its answers never depend on the crash. */
    static String survivor() {
        return system.incidentB.url();
    }

    @Test
    @Order(1)
    void an_alert_becomes_an_incident_whose_review_and_action_items_close_it() throws Exception {
        String service = "checkout-" + RUN;
        produce(List.of(trigger("checkout-latency-" + RUN, service, "critical")));

        JsonNode incident = await("incident declared from the alert").atMost(Duration.ofMinutes(2))
                .until(() -> Api.get(incidents() + "/incidents?service=" + service, responder).body().path("items"),
                        items -> items.size() == 1).get(0);
        String incidentId = incident.get("id").asText();
        assertThat(incident.get("severity").asText()).isEqualTo("SEV2");
        Api.post(incidents() + "/incidents/" + incidentId + "/roles", responder,
                Map.of("role", "COMMANDER", "person", "sam.responder")).ok();
        Api.post(incidents() + "/incidents/" + incidentId + "/acknowledge", responder, Map.of()).ok();
        Api.post(incidents() + "/incidents/" + incidentId + "/mitigate", responder, Map.of()).ok();
        Api.post(incidents() + "/incidents/" + incidentId + "/resolve", responder,
                Map.of("reason", "rolled back the connection pool change")).ok();

        String reviews = system.reviews.url();
        JsonNode review = await("review scheduled").atMost(Duration.ofMinutes(2))
                .until(() -> Api.get(reviews + "/reviews?incident=" + incidentId, reviewer).body().path("items"),
                        items -> items.size() == 1).get(0);
        String reviewId = review.get("id").asText();
        assertThat(review.get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(review.get("facilitator").asText()).isNotEqualTo("sam.responder");

        Api.send("PATCH", reviews + "/reviews/" + reviewId + "/document", reviewer, Map.of(
                "summary", "Checkout latency rose after a connection pool change reduced the pool under peak load.",
                "impact", "Checkout p99 above two seconds for 25 minutes.")).ok();
        Api.post(reviews + "/reviews/" + reviewId + "/contributing-factors", reviewer, Map.of(
                "category", "TECHNICAL", "description", "The pool size was not load tested at peak traffic.")).ok();
        for (String title : List.of("Load test pool sizes before release", "Alert on pool saturation")) {
            Api.post(reviews + "/reviews/" + reviewId + "/action-items", reviewer, Map.of(
                    "title", title, "type", "PREVENT", "ownerTeam", "payments", "priority", "P2")).ok();
        }
        Api.post(reviews + "/reviews/" + reviewId + "/start", reviewer, Map.of()).ok();
        Api.post(reviews + "/reviews/" + reviewId + "/publish", reviewer, Map.of()).ok();

        String actions = system.actions.url();
        JsonNode items = await("action items for payments").atMost(Duration.ofMinutes(2))
                .until(() -> Api.get(actions + "/action-items?team=payments&review=" + reviewId, searchMember).body().path("items"),
                        list -> list.size() == 2);
        for (JsonNode item : items) {
            String itemId = item.get("id").asText();
            Api.Reply refused = Api.post(actions + "/action-items/" + itemId + "/complete", searchMember,
                    Map.of("resolutionNote", "not ours to close"));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(Api.get(actions + "/action-items/" + itemId, searchMember).body().get("status").asText()).isEqualTo("OPEN");
            Api.post(actions + "/action-items/" + itemId + "/complete", paymentsMember,
                    Map.of("resolutionNote", "done and verified in staging")).ok();
        }

        JsonNode closed = await("incident closed by the completed follow-up").atMost(Duration.ofMinutes(2))
                .until(() -> Api.get(incidents() + "/incidents/" + incidentId, responder).body(),
                        body -> "CLOSED".equals(body.path("status").asText()));
        assertThat(closed.get("number").asText()).startsWith("INC-");
        List<String> timeline = new ArrayList<>();
        Api.get(incidents() + "/incidents/" + incidentId + "/timeline", responder).body().forEach(e -> timeline.add(e.get("type").asText()));
        assertThat(timeline).contains("incident.declared", "incident.resolved", "incident.closed");
        System.out.printf("lifecycle: %s → review %s → 2 action items done by payments → %s CLOSED%n",
                closed.get("number").asText(), reviewId, closed.get("number").asText());
    }

    @Test
    @Order(2)
    void an_alert_storm_with_a_crashed_instance_counts_every_alert_and_incident_exactly_once() throws Exception {
        int services = 10;
        int keysPerService = 10;
        int triggers = 50_000;
        List<String> serviceNames = new ArrayList<>();
        List<ProducerRecord<String, String>> storm = new ArrayList<>(triggers);
        for (int s = 0; s < services; s++) {
            serviceNames.add("storm-" + RUN + "-" + s);
        }
        for (int i = 0; i < triggers; i++) {
            int key = i % (services * keysPerService);
            storm.add(trigger("storm-" + RUN + "-key-" + key, serviceNames.get(key % services), "critical"));
        }
        long started = System.nanoTime();
        produce(storm.subList(0, triggers / 2));
        await("an eighth of the storm handled").atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> occurrences(serviceNames) >= triggers / 8);
        // A third instance joins the group mid-storm: partitions move between instances while batches run.
        system.incidentC.start();
        await("a quarter of the storm handled").atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> occurrences(serviceNames) >= triggers / 4);
        system.incidentA.kill();
        produce(storm.subList(triggers / 2, triggers));
        system.incidentA.start().awaitReady(Duration.ofMinutes(3));
        system.incidentC.awaitReady(Duration.ofMinutes(3));

        await("whole storm handled").atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(2))
                .until(() -> occurrences(serviceNames) >= triggers);
        double seconds = (System.nanoTime() - started) / 1e9;

        long alerts = 0;
        long total = 0;
        List<String> incidentIds = new ArrayList<>();
        for (String service : serviceNames) {
            JsonNode page = Api.get(survivor() + "/alerts?size=200&service=" + service, responder).expect(200).body();
            alerts += page.get("total").asLong();
            for (JsonNode alert : page.get("items")) {
                total += alert.get("occurrences").asLong();
            }
            JsonNode serviceIncidents = Api.get(survivor() + "/incidents?service=" + service, responder).expect(200).body();
            assertThat(serviceIncidents.get("total").asLong()).as("incidents of " + service).isEqualTo(1);
            incidentIds.add(serviceIncidents.get("items").get(0).get("id").asText());
        }
        assertThat(alerts).isEqualTo((long) services * keysPerService);
        assertThat(total).isEqualTo(triggers);

        Map<String, Long> published = countByEventId(Topics.INCIDENT_EVENTS);
        assertThat(published.values()).as("incident-events records per event id").allMatch(n -> n == 1);
        long stormEvents = 0;
        for (String incidentId : incidentIds) {
            JsonNode history = Api.get(survivor() + "/incidents/" + incidentId + "/events", responder).expect(200).body();
            for (JsonNode event : history) {
                assertThat(published).as("published " + event.get("type").asText()).containsKey(event.get("eventId").asText());
                stormEvents++;
            }
        }
        Map<String, Long> deadLetters = new HashMap<>();
        for (String topic : Topics.STANDARD.keySet()) {
            if (topic.endsWith(".dlq")) {
                deadLetters.put(topic, (long) countByEventId(topic).size());
            }
        }
        assertThat(deadLetters.values()).as("dead letters").allMatch(n -> n == 0);

        System.out.printf("storm: %,d triggers over %d dedup keys, incident-service-c joining and incident-service-a SIGKILLed"
                + " mid-storm, then restarted%n",
                triggers, services * keysPerService);
        System.out.printf("storm: %d alerts, %d incidents, occurrences %,d, %d incident events for them each on incident-events once,"
                + " %,d incident-events records in all, dead letters %s, %.0f s (%.0f alerts/s)%n",
                alerts, incidentIds.size(), total, stormEvents, published.size(), deadLetters, seconds, triggers / seconds);
    }

    static long occurrences(List<String> services) {
        long sum = 0;
        for (String service : services) {
            JsonNode page = Api.get(survivor() + "/alerts?size=200&service=" + service, responder).body();
            for (JsonNode alert : page.path("items")) {
                sum += alert.path("occurrences").asLong();
            }
        }
        return sum;
    }

    static ProducerRecord<String, String> trigger(String dedupKey, String service, String severity) {
        return Records.trigger(dedupKey, service, severity);
    }

    @Test
    @Order(3)
    void an_incident_service_without_any_integration_key_refuses_to_start_and_says_what_to_set() throws Exception {
        ServiceProcess forgotten = system.incidentServiceWithoutIntegrationKeys().start();

        assertThat(forgotten.awaitExit(Duration.ofMinutes(2))).isNotZero();
        assertThat(forgotten.log()).contains("No integration key is configured").contains("INCIDENTS_INTEGRATION_KEYS");
    }

    static void produce(List<ProducerRecord<String, String>> records) throws Exception {
        Records.produce(system.bootstrapServers(), records);
    }

    /** Every record of a topic, read committed, counted by CloudEvent id (or position, when it has none). */
    static Map<String, Long> countByEventId(String topic) {
        return Records.readAll(system.bootstrapServers(), topic).stream().collect(Collectors.groupingBy(r -> {
            String id = Records.header(r, "ce_id");
            return id == null ? r.partition() + "/" + r.offset() : id;
        }, Collectors.counting()));
    }
}
