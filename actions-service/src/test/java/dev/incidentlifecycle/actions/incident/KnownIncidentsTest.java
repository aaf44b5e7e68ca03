package dev.incidentlifecycle.actions.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentlifecycle.actions.AdjustableClock;
import dev.incidentlifecycle.actions.IncidentEvents;
import dev.incidentlifecycle.actions.ReviewOutcomes;
import dev.incidentlifecycle.actions.published.EventSchemas;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.eventstore.Timestamps;
import dev.incidentlifecycle.testing.KafkaTopic;
import dev.incidentlifecycle.testing.RealInfrastructure;
import dev.incidentlifecycle.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.incidentlifecycle.actions.Api.PROBLEM;
import static dev.incidentlifecycle.actions.Api.admin;
import static dev.incidentlifecycle.actions.Api.eventTypes;
import static dev.incidentlifecycle.actions.Api.reader;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

/**
 * Incidents actions-service learns of on incident-events, against the real broker and database: an action item can be
 * created by hand for an incident that has no review, due by the incident's severity; redeliveries change nothing,
 * poison is dead-lettered with its reason, and the copy is rebuilt by replaying the topic.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "actions"))
class KnownIncidentsTest {

    static final Instant DECLARED = Instant.parse("2026-03-02T10:00:00Z");

    @Inject
    AdjustableClock clock;

    @AfterEach
    void systemTime() {
        clock.useSystemTime();
    }

    static String team() {
        return "incident-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String responderOf(String team) {
        return Tokens.forUser("rosa-" + team).roles("responder").teams(team).sign();
    }

    static String body(UUID incidentId, String team) {
        return "{\"incidentId\": \"" + incidentId + "\", \"title\": \"Alert on checkout p99 latency\", \"type\": \"DETECT\", "
                + "\"ownerTeam\": \"" + team + "\", \"owner\": \"rosa-" + team + "\", \"priority\": \"P2\"}";
    }

    /** The copy's row of an incident, column by column, or null while it is not known. */
    static Map<String, Object> known(UUID incidentId) throws SQLException {
        try (Connection connection = RealInfrastructure.postgres().connect("actions");
             PreparedStatement statement = connection.prepareStatement("select * from known_incident where incident_id = ?")) {
            statement.setObject(1, incidentId);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                ResultSetMetaData columns = row.getMetaData();
                Map<String, Object> values = new java.util.LinkedHashMap<>();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    values.put(columns.getColumnName(i), row.getObject(i));
                }
                return values;
            }
        }
    }

    static Map<String, Object> awaitKnown(UUID incidentId, String column, Object value) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Map<String, Object> row = known(incidentId);
            return row != null && value.equals(row.get(column));
        });
        try {
            return known(incidentId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<List<Object>> allKnown() throws SQLException {
        try (Connection connection = RealInfrastructure.postgres().connect("actions");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select * from known_incident order by incident_id")) {
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

    @Test
    void an_item_for_an_incident_without_a_review_is_due_by_its_severity_and_worked_to_done() throws IOException {
        String team = team();
        String responder = responderOf(team);
        // Declared SEV3, re-rated SEV2, and no review (none is scheduled before it resolves, if ever).
        IncidentEvents incident = IncidentEvents.incident().severity("SEV3");
        incident.declare(DECLARED);
        incident.addNote(DECLARED.plusSeconds(60));
        incident.changeSeverity("SEV2", DECLARED.plusSeconds(600));
        Map<String, Object> row = awaitKnown(incident.incidentId(), "severity", "SEV2");
        assertThat(row).containsEntry("incident_number", incident.number()).containsEntry("title", "Checkout latency above 2 s")
                .containsEntry("service", "checkout").containsEntry("status", "INVESTIGATING");

        // Created on 3 March: SEV2, DETECT is due 45 days later.
        clock.set(Instant.parse("2026-03-03T09:00:00Z"));
        var created = given().auth().oauth2(responder).contentType(ContentType.JSON).body(body(incident.incidentId(), team))
                .post("/action-items");
        created.then().statusCode(201).header("ETag", "\"1\"")
                .body("origin", equalTo("AD_HOC"), "reviewId", nullValue(), "incidentId", equalTo(incident.key()),
                        "incidentNumber", equalTo(incident.number()), "severity", equalTo("SEV2"), "service", equalTo("checkout"),
                        "status", equalTo("OPEN"), "dueDate", equalTo("2026-04-17"), "dueDateFromSla", equalTo(true));
        String id = created.jsonPath().getString("id");
        assertThat(created.header("Location")).endsWith("/action-items/" + id);

        // The owner finds it among their items, as do readers of the incident's items.
        assertThat(given().auth().oauth2(responder).get("/action-items?owner=me").then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class)).containsExactly(id);
        assertThat(given().auth().oauth2(reader()).get("/action-items?owner=me").then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class)).doesNotContain(id);
        assertThat(given().auth().oauth2(reader()).get("/action-items?incident=" + incident.incidentId()).then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class)).containsExactly(id);

        given().auth().oauth2(responder).header("If-Match", "\"1\"").post("/action-items/" + id + "/start")
                .then().statusCode(200).body("status", equalTo("IN_PROGRESS"), "reviewId", nullValue());
        given().auth().oauth2(responder).contentType(ContentType.JSON)
                .body("{\"resolutionNote\": \"Alert at p99 above 1.5 s for 5 minutes\"}")
                .post("/action-items/" + id + "/complete")
                .then().statusCode(200).body("status", equalTo("DONE"), "version", equalTo(3));

        assertThat(eventTypes(UUID.fromString(id))).containsExactly("action-item.created", "action-item.started",
                "action-item.completed");
        JsonPath history = given().auth().oauth2(reader()).get("/action-items/" + id + "/events").then().statusCode(200)
                .extract().jsonPath();
        for (int i = 0; i < 3; i++) {
            JsonNode payload = EventJson.mapper().valueToTree(history.getMap("[" + i + "].payload"));
            assertThat(payload.get("reviewId").isNull()).isTrue();
            assertThat(history.getInt("[" + i + "].typeVersion")).isEqualTo(2);
            assertThat(EventSchemas.violations(history.getString("[" + i + "].type"), 2, payload)).isEmpty();
        }

        // Published as version 2, the version that lets reviewId be null; version 1 would refuse these payloads.
        try (KafkaTopic topic = KafkaTopic.readFromStart(RealInfrastructure.bootstrapServers(), "action-item-events")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> topic.poll().withKey(id).size() == 3);
            for (ConsumerRecord<String, byte[]> record : topic.poll().withKey(id)) {
                String type = KafkaTopic.header(record, "ce_type");
                JsonNode payload = EventJson.mapper().readTree(record.value());
                assertThat(KafkaTopic.header(record, "ce_dataversion")).as(type).isEqualTo("2");
                assertThat(payload.get("reviewId").isNull()).as(type).isTrue();
                assertThat(EventSchemas.violations(type, 2, payload)).as(type).isEmpty();
                assertThat(EventSchemas.violations(type, 1, payload)).as(type + " against version 1").isNotEmpty();
            }
        }
    }

    @Test
    void an_incident_with_a_review_is_referenced_through_its_review_as_before() {
        String team = team();
        ReviewOutcomes review = ReviewOutcomes.review().publishedAt(DECLARED);
        IncidentEvents.of(review.incidentId()).severity("SEV3").declare(DECLARED);
        review.schedule();
        awaitKnown(review.incidentId(), "severity", "SEV3");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> knownReview(review.reviewId()));

        // The review's severity (SEV1) sets the SLA, not the incident's copy: DETECT is due 30 days later.
        clock.set(Instant.parse("2026-03-03T09:00:00Z"));
        given().auth().oauth2(responderOf(team)).contentType(ContentType.JSON).body(body(review.incidentId(), team))
                .post("/action-items").then().statusCode(201)
                .body("reviewId", equalTo(review.reviewId().toString()), "severity", equalTo("SEV1"),
                        "dueDate", equalTo("2026-04-02"));
    }

    static boolean knownReview(UUID reviewId) throws SQLException {
        try (Connection connection = RealInfrastructure.postgres().connect("actions");
             PreparedStatement statement = connection.prepareStatement("select 1 from known_review where review_id = ?")) {
            statement.setObject(1, reviewId);
            try (ResultSet row = statement.executeQuery()) {
                return row.next();
            }
        }
    }

    @Test
    void a_redelivered_incident_event_changes_nothing() {
        IncidentEvents incident = IncidentEvents.incident().severity("SEV1");
        String declared = incident.declare(DECLARED);
        incident.changeSeverity("SEV3", DECLARED.plusSeconds(600));
        // The SEV1 declaration again, under its own id: the inbox knows it, so the incident stays SEV3.
        IncidentEvents.send(incident.record("incident.declared", declared,
                incident.severity("SEV1").declaredData(DECLARED), DECLARED));
        incident.severity("SEV3");
        // Same key, so same partition: once the resolution is in the copy, the redelivery before it was handled.
        Instant resolved = DECLARED.plusSeconds(3_600);
        incident.resolve(resolved);
        Map<String, Object> row = awaitKnown(incident.incidentId(), "status", "RESOLVED");
        assertThat(row).containsEntry("severity", "SEV3");
        assertThat(Timestamps.toInstant(row.get("updated_at"))).isEqualTo(resolved);

        String team = team();
        clock.set(Instant.parse("2026-03-03T09:00:00Z"));
        given().auth().oauth2(responderOf(team)).contentType(ContentType.JSON).body(body(incident.incidentId(), team))
                .post("/action-items").then().statusCode(201).body("severity", equalTo("SEV3"), "dueDate", equalTo("2026-06-01"));
    }

    @Test
    void an_event_type_the_copy_does_not_read_is_passed_over_without_an_inbox_entry() throws SQLException {
        IncidentEvents incident = IncidentEvents.incident();
        String declared = incident.declare(DECLARED);
        String note = incident.addNote(DECLARED.plusSeconds(60));
        String resolved = incident.resolve(DECLARED.plusSeconds(3_600));
        // Same key, so same partition: once the resolution is in the copy, the note before it was passed over.
        awaitKnown(incident.incidentId(), "status", "RESOLVED");

        assertThat(inboxed(List.of(declared, note, resolved))).containsExactlyInAnyOrder(declared, resolved);
    }

    /** Which of these CloudEvent ids actions-service's consumers recorded in their inbox. */
    static List<String> inboxed(List<String> ids) throws SQLException {
        try (Connection connection = RealInfrastructure.postgres().connect("actions");
             PreparedStatement statement = connection.prepareStatement("select message_id from inbox where message_id = any(?)")) {
            statement.setArray(1, connection.createArrayOf("text", ids.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                List<String> found = new ArrayList<>();
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
                return found;
            }
        }
    }

    @Test
    void poison_records_are_dead_lettered_with_their_reason_and_the_next_record_is_handled() {
        IncidentEvents incident = IncidentEvents.incident();
        String key = incident.key();
        try (KafkaTopic dlq = KafkaTopic.readFromStart(RealInfrastructure.bootstrapServers(), "incident-events.dlq")) {
            IncidentEvents.send(incident.cloudEvent("incident.declared", UUID.randomUUID().toString(),
                    "this is not json".getBytes(StandardCharsets.UTF_8), DECLARED, "1"));
            ObjectNode untitled = incident.declaredData(DECLARED);
            untitled.remove("title");
            IncidentEvents.send(incident.record("incident.declared", UUID.randomUUID().toString(), untitled, DECLARED));
            IncidentEvents.send(incident.record("incident.declared", UUID.randomUUID().toString(),
                    incident.declaredData(DECLARED).put("severity", "SEV9"), DECLARED));
            IncidentEvents.send(incident.cloudEvent("incident.declared", UUID.randomUUID().toString(),
                    incident.declaredData(DECLARED).toString().getBytes(StandardCharsets.UTF_8), DECLARED, "2"));
            IncidentEvents.send(new ProducerRecord<>(IncidentEvents.TOPIC, key,
                    incident.declaredData(DECLARED).toString().getBytes(StandardCharsets.UTF_8)));
            incident.declare(DECLARED);

            awaitKnown(incident.incidentId(), "status", "INVESTIGATING");
            await().atMost(Duration.ofSeconds(30)).until(() -> dlq.poll().withKey(key).size() == 5);
            List<ConsumerRecord<String, byte[]>> dead = dlq.poll().withKey(key);
            assertThat(dead).extracting(r -> KafkaTopic.header(r, "dead-letter-reason")).satisfiesExactly(
                    reason -> assertThat(reason).contains("not JSON"),
                    reason -> assertThat(reason).contains("incident.declared without title"),
                    reason -> assertThat(reason).contains("SEV9"),
                    reason -> assertThat(reason).contains("version 2 of incident.declared is unknown"),
                    reason -> assertThat(reason).contains("not a CloudEvent"));
            assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("this is not json");
        }
    }

    @Test
    void an_unknown_incident_is_a_404_and_the_copy_dropped_and_replayed_from_incident_events_equals_the_original()
            throws SQLException {
        String team = team();
        given().auth().oauth2(responderOf(team)).contentType(ContentType.JSON).body(body(UUID.randomUUID(), team))
                .post("/action-items").then().statusCode(404).contentType(PROBLEM)
                .body("detail", containsString("incident-events"));

        IncidentEvents incident = IncidentEvents.incident();
        incident.declare(DECLARED);
        incident.changeSeverity("SEV1", DECLARED.plusSeconds(60));
        incident.resolve(DECLARED.plusSeconds(120));
        awaitKnown(incident.incidentId(), "status", "RESOLVED");
        List<List<Object>> before = allKnown();

        try (Connection connection = RealInfrastructure.postgres().connect("actions");
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("delete from known_incident");
        }
        given().auth().oauth2(responderOf(team)).contentType(ContentType.JSON).body(body(incident.incidentId(), team))
                .post("/action-items").then().statusCode(404);

        given().auth().oauth2(admin()).get("/admin/topic-read-models").then().statusCode(200)
                .body("$", hasItems("known-incidents", "known-reviews"));
        given().auth().oauth2(admin()).post("/admin/topic-read-models/known-incidents/replay").then().statusCode(200)
                .body("readModel", equalTo("known-incidents"), "topics", hasItems("incident-events"), "rows", equalTo(before.size()));
        assertThat(allKnown()).isEqualTo(before);
        given().auth().oauth2(responderOf(team)).contentType(ContentType.JSON).body(body(incident.incidentId(), team))
                .post("/action-items").then().statusCode(201).body("severity", equalTo("SEV1"), "reviewId", nullValue());
    }
}
