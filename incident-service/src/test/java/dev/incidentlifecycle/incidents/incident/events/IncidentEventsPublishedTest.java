package dev.incidentlifecycle.incidents.incident.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.incidents.incident.IncidentEvent;
import dev.incidentlifecycle.testing.KafkaTopic;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static dev.incidentlifecycle.incidents.Http.alertsWithKey;
import static dev.incidentlifecycle.incidents.Http.asResponder;
import static dev.incidentlifecycle.incidents.Http.declare;
import static dev.incidentlifecycle.incidents.Http.alertRecord;
import static dev.incidentlifecycle.incidents.Http.cloudEvent;
import static dev.incidentlifecycle.incidents.Http.command;
import static dev.incidentlifecycle.incidents.Http.followUp;
import static dev.incidentlifecycle.incidents.Http.incident;
import static dev.incidentlifecycle.incidents.Http.incidentsOfService;
import static dev.incidentlifecycle.incidents.Http.timelineTypes;
import static dev.incidentlifecycle.incidents.Http.trigger;
import static dev.incidentlifecycle.incidents.Http.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An incident's whole life, from an alert to its close by a completed review, as subscribers see it on
 * incident-events: CloudEvents keyed by incident id, in stream order, every payload valid against its schema.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "incident"))
class IncidentEventsPublishedTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void every_incident_event_type_is_published_as_a_cloud_event_that_fits_its_schema() throws Exception {
        String service = unique("orders");
        String key = unique("orders-errors");
        RealInfrastructure.produce(alertRecord(key, trigger(key, "critical", service, "order errors above 2%")));
        await().atMost(WAIT).until(() -> incidentsOfService(service).size() == 1);
        String id = (String) incidentsOfService(service).get(0).get("id");
        String number = (String) incidentsOfService(service).get(0).get("number");

        command(id, "acknowledge", null, null).then().statusCode(200);
        command(id, "severity", Map.of("severity", "SEV1", "reason", "all orders failing"), null).then().statusCode(200);
        command(id, "roles", Map.of("role", "COMMANDER", "person", "sam"), null).then().statusCode(200);
        command(id, "responders", Map.of("person", "alex"), null).then().statusCode(200);
        command(id, "notes", Map.of("text", "payment provider returns 503"), null).then().statusCode(200);
        command(id, "impact", Map.of("statement", "no order can be placed"), null).then().statusCode(200);
        command(id, "links", Map.of("url", "https://status.example.com/incidents/1"), null).then().statusCode(200);
        String stray = unique("orders-stray");
        RealInfrastructure.produce(alertRecord(stray, trigger(stray, "critical", service, "an alert of another system")));
        await().atMost(WAIT).until(() -> incident(id).getInt("alertCount") == 2);
        asResponder().body(Map.of("summary", "the payment provider answers 503")).patch("/incidents/" + id).then().statusCode(200);
        String strayAlert = (String) alertsWithKey(stray).get(0).get("alertId");
        command(id, "alerts/" + strayAlert + "/detach", Map.of("reason", "not ours"), null).then().statusCode(200);
        String duplicate = declare("Orders failing (declared twice)", "SEV2", service).getString("id");
        command(duplicate, "merge", Map.of("into", number, "reason", "the same outage"), null).then().statusCode(200);
        command(id, "mitigate", null, null).then().statusCode(200);
        RealInfrastructure.produce(alertRecord(key, followUp("resolve", key)));
        await().atMost(WAIT).until(() -> timelineTypes(id).contains("incident.alerts-all-resolved"));
        command(id, "resolve", Map.of("reason", "provider recovered"), null).then().statusCode(200);
        command(id, "reopen", Map.of("reason", "errors are back"), null).then().statusCode(200);
        command(id, "resolve", null, null).then().statusCode(200);
        String reviewId = UUID.randomUUID().toString();
        RealInfrastructure.produce(cloudEvent("review-events", reviewId, UUID.randomUUID().toString(),
                "review.follow-up-completed", "/review-service",
                "{\"reviewId\":\"" + reviewId + "\",\"incidentId\":\"" + id + "\",\"incidentNumber\":\"" + number
                        + "\",\"actionItemIds\":[],\"occurredAt\":\"2026-03-02T10:00:00Z\"}"));
        await().atMost(WAIT).until(() -> "CLOSED".equals(incident(id).getString("status")));
        int total = incident(id).getInt("version");

        try (KafkaTopic topic = KafkaTopic.readFromStart("incident-events")) {
            await().atMost(WAIT).until(() -> topic.poll().withKey(id).size() == total);
            List<ConsumerRecord<String, byte[]>> records = topic.withKey(id);
            assertThat(records).extracting(r -> KafkaTopic.header(r, "ce_type")).containsExactly(
                    "incident.declared", "incident.alert-attached", "incident.acknowledged", "incident.severity-changed",
                    "incident.role-assigned", "incident.responder-joined", "incident.note-added", "incident.impact-updated",
                    "incident.link-added", "incident.alert-attached", "incident.edited", "incident.alert-detached",
                    "incident.merged-from", "incident.mitigated", "incident.alerts-all-resolved", "incident.resolved",
                    "incident.reopened", "incident.resolved", "incident.closed");
            await().atMost(WAIT).until(() -> topic.poll().withKey(duplicate).size() == 2);
            List<ConsumerRecord<String, byte[]>> merged = topic.withKey(duplicate);
            assertThat(merged).extracting(r -> KafkaTopic.header(r, "ce_type")).containsExactly("incident.declared", "incident.merged");
            assertThat(IncidentEventSchemas.problems("incident.merged", EventJson.mapper().readTree(merged.get(1).value()))).isEmpty();
            List<ConsumerRecord<String, byte[]>> all = new java.util.ArrayList<>(records);
            all.addAll(merged);
            assertThat(all).extracting(r -> KafkaTopic.header(r, "ce_type")).containsAll(IncidentEvent.TYPES.keySet());
            assertThat(records).extracting(r -> KafkaTopic.header(r, "ce_sequence"))
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, total).mapToObj(Integer::toString).toList());
            for (ConsumerRecord<String, byte[]> record : records) {
                String type = KafkaTopic.header(record, "ce_type");
                assertThat(KafkaTopic.header(record, "ce_specversion")).isEqualTo("1.0");
                assertThat(KafkaTopic.header(record, "ce_source")).isEqualTo("/incident-service");
                assertThat(KafkaTopic.header(record, "ce_subject")).isEqualTo(id);
                assertThat(KafkaTopic.header(record, "ce_id")).isNotBlank();
                assertThat(KafkaTopic.header(record, "ce_time")).isNotBlank();
                assertThat(KafkaTopic.header(record, "ce_recordedtime")).isNotBlank();
                assertThat(KafkaTopic.header(record, "ce_dataversion")).isEqualTo("1");
                assertThat(KafkaTopic.header(record, "content-type")).isEqualTo("application/json");
                JsonNode payload = EventJson.mapper().readTree(record.value());
                assertThat(payload.get("incidentId").asText()).isEqualTo(id);
                assertThat(IncidentEventSchemas.problems(type, payload)).as(type + ": " + payload).isEmpty();
            }
            JsonNode closed = EventJson.mapper().readTree(records.get(records.size() - 1).value());
            assertThat(closed.get("reviewId").asText()).isEqualTo(reviewId);
            assertThat(KafkaTopic.header(records.get(records.size() - 1), "ce_actor")).isEqualTo("review-service");
            assertThat(KafkaTopic.header(records.get(2), "ce_actor")).isEqualTo("riley");
        }
    }
}
