package dev.incidentlifecycle.notifications.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidentlifecycle.notifications.Events;
import dev.incidentlifecycle.notifications.Receiver;
import dev.incidentlifecycle.testing.RealInfrastructure;
import dev.incidentlifecycle.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.incidentlifecycle.notifications.Api.PROBLEM;
import static dev.incidentlifecycle.notifications.Api.admin;
import static dev.incidentlifecycle.notifications.Api.awaitDeliveries;
import static dev.incidentlifecycle.notifications.Api.status;
import static dev.incidentlifecycle.notifications.Api.subscribe;
import static dev.incidentlifecycle.notifications.Events.types;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * The facts of incidents, reviews and action items, built from the three topics, dropped and rebuilt by replaying
 * them: equal, and not one notification recorded or sent again.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "notifications"))
class EventSubjectsReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static List<List<Object>> rows(String sql) throws SQLException {
        try (Connection connection = RealInfrastructure.postgres().connect("notifications");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<List<Object>> all = new ArrayList<>();
            while (rows.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    row.add(rows.getObject(i));
                }
                all.add(row);
            }
            return all;
        }
    }

    static long count(String sql) throws SQLException {
        return ((Number) rows(sql).get(0).get(0)).longValue();
    }

    /** One CloudEvent with the id given, so that it can be sent twice. */
    static ProducerRecord<String, byte[]> event(String topic, String id, String type, String subject, Object data) {
        RecordHeaders headers = new RecordHeaders();
        Map.of("ce_specversion", "1.0", "ce_id", id, "ce_source", "/test", "ce_type", type, "ce_subject", subject,
                        "ce_time", Instant.now().toString(), "content-type", "application/json")
                .forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        try {
            return new ProducerRecord<>(topic, null, subject, JSON.writeValueAsBytes(data), headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void the_facts_dropped_and_rebuilt_from_the_topics_equal_the_originals_and_nothing_is_delivered_again() throws SQLException {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        try (Receiver receiver = Receiver.start()) {
            JsonPath subscribed = subscribe(receiver.url("/hook"), "standard-webhooks",
                    types("incident.declared", "incident.severity-changed", "incident.resolved", "review.scheduled",
                            "action-item.overdue"), Map.of("service", service));

            String incidentId = Events.declared(service, "SEV2");
            String repeated = UUID.randomUUID().toString();
            RealInfrastructure.produce(
                    event("incident-events", repeated, "incident.severity-changed", incidentId,
                            Map.of("incidentId", incidentId, "from", "SEV2", "to", "SEV1")),
                    // A sender's repeat (same id, told otherwise) and records the consumer dead-letters: none changes a fact.
                    event("incident-events", repeated, "incident.severity-changed", incidentId,
                            Map.of("incidentId", incidentId, "from", "SEV2", "to", "SEV4")),
                    new ProducerRecord<>("incident-events", incidentId, "not json".getBytes(StandardCharsets.UTF_8)),
                    event("incident-events", UUID.randomUUID().toString(), "incident.severity-changed", incidentId, List.of("SEV3")));
            Events.resolved(incidentId);
            String reviewId = UUID.randomUUID().toString();
            Map<String, Object> scheduled = new LinkedHashMap<>();
            scheduled.put("reviewId", reviewId);
            scheduled.put("incidentId", incidentId);
            scheduled.put("incidentNumber", "INC-42");
            scheduled.put("severity", "SEV1");
            scheduled.put("service", service);
            scheduled.put("title", "Checkout fails for " + service);
            Events.publish("review-events", "review.scheduled", reviewId, scheduled);
            String itemId = Events.overdueActionItem("payments", service);

            awaitDeliveries(subscribed.getString("id"), 5, status("DELIVERED"));
            assertThat(rows("select severity, team from event_subject where subject_id in ('incident:" + incidentId
                    + "', 'review:" + reviewId + "', 'action-item:" + itemId + "') order by subject_id"))
                    .containsExactly(Arrays.asList("SEV2", "payments"), Arrays.asList("SEV1", null), Arrays.asList("SEV1", null));
            List<List<Object>> before = rows("select * from event_subject order by subject_id");
            long deliveries = count("select count(*) from delivery");
            int received = receiver.received().size();

            try (Connection connection = RealInfrastructure.postgres().connect("notifications");
                 Statement statement = connection.createStatement()) {
                statement.executeUpdate("delete from event_subject");
            }

            given().auth().oauth2(Tokens.forUser("rosa").roles("responder").sign())
                    .post("/admin/topic-read-models/event-subjects/replay").then().statusCode(403).contentType(PROBLEM);
            given().auth().oauth2(admin()).post("/admin/topic-read-models/nothing/replay").then().statusCode(404).contentType(PROBLEM);
            given().auth().oauth2(admin()).post("/admin/topic-read-models/event-subjects/replay").then().statusCode(200)
                    .body("readModel", equalTo("event-subjects"),
                            "topics", contains("incident-events", "review-events", "action-item-events"),
                            "rows", equalTo(before.size()));

            assertThat(rows("select * from event_subject order by subject_id")).isEqualTo(before);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> count("select count(*) from delivery") == deliveries && receiver.received().size() == received);
            given().auth().oauth2(admin()).get("/admin/topic-read-models").then().statusCode(200).body("$", contains("event-subjects"));
        }
    }
}
