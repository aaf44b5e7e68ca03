package dev.incidentlifecycle.incidents.change;

import dev.incidentlifecycle.testing.KafkaTopic;
import dev.incidentlifecycle.testing.RealInfrastructure;
import dev.incidentlifecycle.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.incidentlifecycle.incidents.Http.DEV_KEY;
import static dev.incidentlifecycle.incidents.Http.PROBLEM;
import static dev.incidentlifecycle.incidents.Http.asReader;
import static dev.incidentlifecycle.incidents.Http.cloudEvent;
import static dev.incidentlifecycle.incidents.Http.declare;
import static dev.incidentlifecycle.incidents.Http.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Change events (PagerDuty's Change Events API and the {@code changes} topic) kept per service and shown as the
 * context of the incidents of that service: "what changed just before this?".
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "incident"))
class ChangeEventsTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    static Response enqueue(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/v2/change/enqueue");
    }

    static String change(String routingKey, String summary, Instant at, String source, String service) {
        return "{" + (routingKey == null ? "" : "\"routing_key\":\"" + routingKey + "\",")
                + "\"payload\":{\"summary\":\"" + summary + "\",\"timestamp\":\"" + at + "\",\"source\":\"" + source + "\""
                + (service == null ? "" : ",\"custom_details\":{\"service\":\"" + service + "\",\"version\":\"2.14.1\"}")
                + "},\"links\":[{\"href\":\"https://ci.example.com/builds/42\",\"text\":\"Build 42\"}]}";
    }

    static List<Map<String, Object>> changesOf(String service) {
        return asReader().queryParam("service", service)
                .queryParam("from", Instant.now().minus(Duration.ofDays(2)).toString())
                .queryParam("to", Instant.now().plus(Duration.ofHours(1)).toString())
                .get("/changes").then().statusCode(200).extract().jsonPath().getList("items");
    }

    static List<String> summaries(List<Map<String, Object>> changes) {
        return changes.stream().map(change -> (String) change.get("summary")).toList();
    }

    @Test
    void changes_from_90_minutes_before_the_declaration_appear_under_the_incident_and_on_its_timeline() {
        String service = unique("checkout");
        String other = unique("ledger");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        enqueue(change(DEV_KEY, "Deployed checkout 2.14.1", now.minus(Duration.ofMinutes(90)), "argocd", service))
                .then().statusCode(202).body("status", equalTo("success"), "message", equalTo("Change event processed"));
        enqueue(change(DEV_KEY, "Deployed ledger 7.0", now.minus(Duration.ofMinutes(90)), "argocd", other)).then().statusCode(202);
        enqueue(change(DEV_KEY, "Deployed checkout 2.14.0", now.minus(Duration.ofHours(3)), "argocd", service)).then().statusCode(202);
        await().atMost(WAIT).until(() -> changesOf(service).size() == 2 && changesOf(other).size() == 1);

        JsonPath incident = declare("Checkout errors", "SEV2", service);
        String id = incident.getString("id");

        JsonPath changes = asReader().get("/incidents/" + id + "/changes").then().statusCode(200).extract().jsonPath();
        assertThat(changes.getLong("total")).isEqualTo(1);
        assertThat(changes.getInt("page")).isZero();
        Map<String, Object> found = changes.getMap("items[0]");
        assertThat(found).containsEntry("summary", "Deployed checkout 2.14.1").containsEntry("service", service)
                .containsEntry("source", "argocd").containsEntry("actor", "events-api")
                .containsEntry("occurredAt", now.minus(Duration.ofMinutes(90)).toString());
        assertThat(changes.getString("items[0].links[0].href")).isEqualTo("https://ci.example.com/builds/42");
        assertThat(changes.getString("items[0].customDetails.version")).isEqualTo("2.14.1");

        List<Map<String, Object>> timeline = asReader().get("/incidents/" + incident.getString("number") + "/timeline")
                .then().statusCode(200).extract().jsonPath().getList("$");
        List<Map<String, Object>> context = timeline.stream().filter(entry -> Boolean.TRUE.equals(entry.get("context"))).toList();
        assertThat(context).singleElement().satisfies(entry -> {
            assertThat(entry).containsEntry("type", "change").containsEntry("actor", "events-api");
            assertThat((String) entry.get("sentence")).isEqualTo("Change to " + service + " (by events-api): Deployed checkout 2.14.1");
        });
        // Before the declaration, so first; the incident's own events are not context.
        assertThat(timeline.get(0)).containsEntry("type", "change");
        assertThat(timeline.get(1)).containsEntry("type", "incident.declared").containsEntry("context", false);
        // Paged, the context keeps its place: PostgreSQL orders the changes among the events.
        asReader().queryParam("size", 1).get("/incidents/" + id + "/timeline").then().statusCode(200)
                .body("items[0].type", equalTo("change"), "items[0].context", equalTo(true), "total", equalTo(timeline.size()));
        asReader().queryParam("page", 1).queryParam("size", 1).get("/incidents/" + id + "/timeline").then().statusCode(200)
                .body("items[0].type", equalTo("incident.declared"));
    }

    @Test
    void the_service_is_the_named_one_else_the_integrations_else_the_source() {
        String integration = unique("argo").toLowerCase();
        String integrationService = unique("payments");
        String key = given().auth().oauth2(Tokens.forUser("ada").roles("admin").sign()).contentType(ContentType.JSON)
                .body(Map.of("name", integration, "service", integrationService)).post("/integrations")
                .then().statusCode(201).body("service", equalTo(integrationService)).extract().jsonPath().getString("key");
        String named = unique("named");
        String source = unique("host");
        Instant at = Instant.now();
        enqueue(change(key, "Flag new-checkout on", at, source, named)).then().statusCode(202);
        enqueue(change(key, "Config max-connections 200", at, source, null)).then().statusCode(202);
        enqueue(change(DEV_KEY, "Kernel patched", at, source, null)).then().statusCode(202);

        await().atMost(WAIT).until(() -> changesOf(named).size() == 1 && changesOf(integrationService).size() == 1
                && changesOf(source).size() == 1);
        assertThat(changesOf(named).get(0)).containsEntry("actor", integration);
        assertThat(summaries(changesOf(integrationService))).containsExactly("Config max-connections 200");
        assertThat(summaries(changesOf(source))).containsExactly("Kernel patched");
    }

    @Test
    void refusals_are_pagerdutys_answers_naming_every_error() {
        Instant at = Instant.now();
        enqueue(change("not-a-key", "x", at, "h", "s")).then().statusCode(400)
                .body("status", equalTo("invalid event"), "message", equalTo("Event object is invalid"),
                        "errors", equalTo(List.of("Invalid routing key")));
        enqueue("{\"routing_key\":\"" + DEV_KEY + "\",\"payload\":{\"source\":\"h\"}}").then().statusCode(400)
                .body("errors", equalTo(List.of("'payload.summary' is missing or blank")));
        enqueue("{\"routing_key\":\"" + DEV_KEY + "\"}").then().statusCode(400)
                .body("errors", equalTo(List.of("'payload.summary' is missing or blank")));
        enqueue(change(DEV_KEY, "deploy", at, "h\\u0001st", "s")).then().statusCode(400)
                .body("errors", equalTo(List.of("'payload.source' contains a control character U+0001 at index 1")));
        enqueue(change(DEV_KEY, "deploy", at, "h", "check\\nout")).then().statusCode(400)
                .body("errors", equalTo(List.of("'payload.custom_details.service' contains a control character U+000A at index 5")));
        enqueue(change(DEV_KEY, "s".repeat(1025), at, "h".repeat(256), "s")).then().statusCode(400)
                .body("errors", equalTo(List.of("'payload.summary' exceeds 1024 characters", "'payload.source' exceeds 255 characters")));
        enqueue("{\"routing_key\":\"" + DEV_KEY + "\",\"payload\":{\"summary\":\"deploy\",\"timestamp\":\"yesterday\"},"
                + "\"links\":[{\"href\":\"javascript:alert(1)\"}]}").then().statusCode(400)
                .body("errors", equalTo(List.of("'payload.timestamp' is invalid", "'links[0].href' must be an http or https URL")));
        enqueue("{\"routing_key\":\"" + DEV_KEY + "\",\"payload\":{\"summary\":\"deploy\"}}").then().statusCode(400)
                .body("errors", equalTo(List.of("'payload.source' is missing or blank: a change needs a service "
                        + "(payload.custom_details.service, the integration's service, or payload.source)")));
        enqueue("[1, 2]").then().statusCode(400).body("errors", equalTo(List.of("Event object must be a JSON object")));
        given().contentType(ContentType.JSON).body("{\"routing_key\":\"" + DEV_KEY + "\",\"payload\":{\"summary\":\""
                        + "x".repeat(1_100_000) + "\"}}").post("/v2/change/enqueue").then().statusCode(413);
    }

    @Test
    void reading_changes_needs_a_token_and_a_bounded_period() {
        given().get("/changes").then().statusCode(401);
        asReader().queryParam("from", "2026-01-01T00:00:00Z").queryParam("to", "2026-03-01T00:00:00Z").get("/changes")
                .then().statusCode(400).contentType(PROBLEM);
        asReader().queryParam("from", "2026-03-01T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z").get("/changes")
                .then().statusCode(400).contentType(PROBLEM);
        asReader().get("/changes").then().statusCode(200).body("page", equalTo(0), "size", equalTo(50));
    }

    @Test
    void a_poison_record_on_changes_is_dead_lettered_with_its_reason_and_the_next_one_is_stored() {
        String service = unique("poisoned");
        Instant at = Instant.now();
        try (KafkaTopic dlq = KafkaTopic.readFromStart("changes.dlq")) {
            RealInfrastructure.produce(
                    record(service, "this is { not json"),
                    record(service, "{\"payload\":{\"source\":\"h\",\"custom_details\":{\"service\":\"" + service + "\"}}}"),
                    record(service, "{\"payload\":{\"summary\":\"nul \\u0000\",\"source\":\"h\",\"custom_details\":{\"service\":\"" + service + "\"}}}"),
                    record(service, change(null, "Deployed after the poison", at, "h", service)));
            await().atMost(WAIT).until(() -> changesOf(service).size() == 1);
            await().atMost(WAIT).until(() -> dlq.poll().withKey(service).size() == 3);
            List<String> reasons = dlq.withKey(service).stream().map(r -> KafkaTopic.header(r, "dead-letter-reason")).toList();
            assertThat(reasons).satisfiesExactly(
                    r -> assertThat(r).contains("not JSON"),
                    r -> assertThat(r).contains("'payload.summary' is missing or blank"),
                    r -> assertThat(r).contains("'payload.summary' contains a control character U+0000 at index 4"));
        }
        assertThat(changesOf(service).get(0)).containsEntry("summary", "Deployed after the poison").containsEntry("actor", "changes");
    }

    @Test
    void a_change_delivered_twice_is_stored_once() {
        String service = unique("twice");
        String id = UUID.randomUUID().toString();
        String body = change(null, "Deployed once", Instant.now(), "h", service);
        RealInfrastructure.produce(
                cloudEvent("changes", service, id, "change.event", "/tests", body),
                cloudEvent("changes", service, id, "change.event", "/tests", body),
                cloudEvent("changes", service, UUID.randomUUID().toString(), "change.event", "/tests",
                        change(null, "Deployed again", Instant.now(), "h", service)));
        // One partition, in order: once the third is stored, the second was skipped.
        await().atMost(WAIT).until(() -> changesOf(service).size() >= 2);
        assertThat(summaries(changesOf(service))).containsExactlyInAnyOrder("Deployed once", "Deployed again");
    }

    @Test
    void changes_older_than_the_look_back_are_not_the_incidents() {
        String service = unique("search");
        Instant now = Instant.now();
        enqueue(change(DEV_KEY, "Reindexed", now.minus(Duration.ofMinutes(121)), "h", service)).then().statusCode(202);
        enqueue(change(DEV_KEY, "Cache warmed", now.minus(Duration.ofMinutes(119)), "h", service)).then().statusCode(202);
        await().atMost(WAIT).until(() -> changesOf(service).size() == 2);
        String id = declare("Search slow", "SEV3", service).getString("id");
        assertThat(summaries(asReader().get("/incidents/" + id + "/changes").then().statusCode(200).extract().jsonPath().getList("items")))
                .containsExactly("Cache warmed");
        asReader().get("/incidents/" + UUID.randomUUID() + "/changes").then().statusCode(404).contentType(PROBLEM);
    }

    private static ProducerRecord<String, byte[]> record(String key, String json) {
        return new ProducerRecord<>("changes", key, json.getBytes(StandardCharsets.UTF_8));
    }
}
