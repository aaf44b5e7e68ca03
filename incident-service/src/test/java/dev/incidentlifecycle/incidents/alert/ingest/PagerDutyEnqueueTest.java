package dev.incidentlifecycle.incidents.alert.ingest;

import dev.incidentlifecycle.testing.KafkaTopic;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.incidentlifecycle.incidents.Http.DEV_KEY;
import static dev.incidentlifecycle.incidents.Http.alertsWithKey;
import static dev.incidentlifecycle.incidents.Http.incidentsOfService;
import static dev.incidentlifecycle.incidents.Http.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** POST /v2/enqueue answers as PagerDuty's Events API v2 does, byte for byte where PagerDuty documents it. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "incident"))
class PagerDutyEnqueueTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    static Response enqueue(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/v2/enqueue");
    }

    static String event(String routingKey, String action, String dedupKey, String service, String severity) {
        return "{\"routing_key\":\"" + routingKey + "\",\"event_action\":\"" + action + "\""
                + (dedupKey == null ? "" : ",\"dedup_key\":\"" + dedupKey + "\"")
                + ",\"payload\":{\"summary\":\"Example alert on host1.example.com\",\"timestamp\":\"2015-07-17T08:42:58.315+0000\","
                + "\"source\":\"monitoringtool:cloudvendor:central-region-dc-01:852559987:cluster/api-stats-prod-003\","
                + "\"severity\":\"" + severity + "\",\"component\":\"" + service + "\",\"group\":\"prod-datapipe\","
                + "\"class\":\"deploy\",\"custom_details\":{\"ping time\":\"1500ms\",\"load avg\":0.75}},"
                + "\"links\":[{\"href\":\"https://example.com/\",\"text\":\"Link text\"}],"
                + "\"client\":\"Sample Monitoring Service\",\"client_url\":\"https://monitoring.example.com\"}";
    }

    @Test
    void an_accepted_event_is_202_with_pagerduty_body_and_is_handled_from_the_alerts_topic() {
        String service = unique("datapipe");
        String key = unique("srv01/HTTP");
        try (KafkaTopic topic = KafkaTopic.readFromStart("alerts")) {
            Response response = enqueue(event(DEV_KEY, "trigger", key, service, "critical"));
            response.then().statusCode(202).contentType(ContentType.JSON);
            assertThat(response.asString())
                    .isEqualTo("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"" + key + "\"}");

            // Written to the topic before the answer: key = dedup key, a CloudEvent without the routing key.
            await().atMost(WAIT).until(() -> !topic.poll().withKey(key).isEmpty());
            ConsumerRecord<String, byte[]> record = topic.withKey(key).get(0);
            assertThat(KafkaTopic.header(record, "ce_type")).isEqualTo("alert.signal");
            assertThat(KafkaTopic.header(record, "ce_source")).isEqualTo("/incident-service/v2/enqueue");
            assertThat(KafkaTopic.header(record, "ce_id")).isNotBlank();
            assertThat(KafkaTopic.value(record)).contains("\"dedup_key\":\"" + key + "\"").doesNotContain("routing_key");
        }

        await().atMost(WAIT).until(() -> !alertsWithKey(key).isEmpty() && alertsWithKey(key).get(0).get("incidentId") != null);
        Map<String, Object> alert = alertsWithKey(key).get(0);
        assertThat(alert).containsEntry("status", "TRIGGERED").containsEntry("severity", "CRITICAL")
                .containsEntry("summary", "Example alert on host1.example.com").containsEntry("service", service)
                .containsEntry("group", "prod-datapipe").containsEntry("alertClass", "deploy")
                .containsEntry("client", "Sample Monitoring Service").containsEntry("occurrences", 1)
                .containsEntry("triggeredAt", "2015-07-17T08:42:58.315Z");
        assertThat(incidentsOfService(service)).hasSize(1);

        enqueue(event(DEV_KEY, "trigger", key, service, "critical")).then().statusCode(202);
        enqueue(event(DEV_KEY, "acknowledge", key, service, "critical")).then().statusCode(202);
        await().atMost(WAIT).until(() -> "ACKNOWLEDGED".equals(alertsWithKey(key).get(0).get("status")));
        assertThat(alertsWithKey(key).get(0)).containsEntry("occurrences", 2);
        enqueue("{\"routing_key\":\"" + DEV_KEY + "\",\"event_action\":\"resolve\",\"dedup_key\":\"" + key + "\"}")
                .then().statusCode(202);
        await().atMost(WAIT).until(() -> "RESOLVED".equals(alertsWithKey(key).get(0).get("status")));
    }

    @Test
    void a_trigger_without_a_dedup_key_gets_one_in_the_answer() {
        String service = unique("keyless");
        Response response = enqueue(event(DEV_KEY, "trigger", null, service, "warning"));
        response.then().statusCode(202);
        String key = response.jsonPath().getString("dedup_key");
        assertThat(key).matches("[0-9a-f-]{36}");
        assertThat(response.asString())
                .isEqualTo("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"" + key + "\"}");
        await().atMost(WAIT).until(() -> alertsWithKey(key).size() == 1);
    }

    @Test
    void an_invalid_event_is_400_with_pagerduty_body_and_every_error() {
        Response response = enqueue("{\"routing_key\":\"" + DEV_KEY + "\",\"event_action\":\"trigger\","
                + "\"payload\":{\"summary\":\"x\",\"source\":\"h\",\"severity\":\"fatal\"}}");
        response.then().statusCode(400).contentType(ContentType.JSON);
        assertThat(response.asString()).isEqualTo(
                "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"'payload.severity' is invalid\"]}");

        enqueue("{\"routing_key\":\"" + DEV_KEY + "\",\"event_action\":\"trigger\"}").then().statusCode(400)
                .body("status", equalTo("invalid event"),
                        "errors", equalTo(List.of("'payload.summary' is missing or blank",
                                "'payload.source' is missing or blank", "'payload.severity' is missing or blank")));
        enqueue("{\"event_action\":\"resolve\"}").then().statusCode(400)
                .body("errors", equalTo(List.of("'routing_key' is missing or blank",
                        "'dedup_key' is missing or blank")));
        enqueue("{\"routing_key\":\"" + DEV_KEY + "\",\"event_action\":\"trigger\",\"dedup_key\":\"" + "k".repeat(256)
                + "\",\"payload\":{\"summary\":\"" + "s".repeat(1025) + "\",\"source\":\"h\",\"severity\":\"info\"}}")
                .then().statusCode(400)
                .body("errors", equalTo(List.of("'dedup_key' exceeds 255 characters",
                        "'payload.summary' exceeds 1024 characters")));
        enqueue("this is not json").then().statusCode(400)
                .body("status", equalTo("invalid event"),
                        "message", equalTo("Event object is invalid"));
    }

    static String trigger(String payloadFields, String extra) {
        return "{\"routing_key\":\"" + DEV_KEY + "\",\"event_action\":\"trigger\",\"dedup_key\":\"" + unique("bounds")
                + "\",\"payload\":{\"summary\":\"Disk full\",\"source\":\"db-1\",\"severity\":\"error\"" + payloadFields + "}"
                + extra + "}";
    }

    static void refusedWith(String body, String error) {
        Response response = enqueue(body);
        response.then().statusCode(400).contentType(ContentType.JSON);
        assertThat(response.asString()).isEqualTo(
                "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[" + error + "]}");
    }

    @Test
    void a_field_out_of_its_bounds_is_400_naming_the_field_and_nothing_reaches_the_topic() {
        String service = unique("bounded");
        // JSON escapes as a sender writes them: \u0000 is valid JSON that PostgreSQL's jsonb refuses.
        refusedWith("{\"routing_key\":\"" + DEV_KEY + "\",\"event_action\":\"trigger\",\"dedup_key\":\"" + service
                        + "\",\"payload\":{\"summary\":\"Disk 9\\u0000% full\",\"source\":\"db-1\",\"severity\":\"error\","
                        + "\"component\":\"" + service + "\"}}",
                "\"'payload.summary' contains a control character U+0000 at index 6\"");
        refusedWith(trigger(",\"component\":\"" + "c".repeat(3 * 1024) + "\"", ""),
                "\"'payload.component' exceeds 255 characters\"");
        refusedWith(trigger(",\"custom_details\":{\"a\":[{\"b\":\"x\\u0000\"}]}", ""),
                "\"'payload.custom_details.a[0].b' contains a control character U+0000 at index 1\"");
        refusedWith(trigger("", ",\"links\":[{\"href\":\"javascript:alert(document.cookie)\"}]"),
                "\"'links[0].href' must be an http or https URL\"");
        refusedWith(trigger("", ",\"client_url\":\"data:text/html,x\""),
                "\"'client_url' must be an http or https URL\"");
        refusedWith(trigger(",\"component\":7,\"custom_details\":[1]", ",\"links\":{\"href\":\"https://x\"},\"client\":true"),
                "\"'payload.component' must be a string\",\"'payload.custom_details' must be an object\","
                        + "\"'links' must be an array\",\"'client' must be a string\"");
        assertThat(alertsWithKey(service)).isEmpty();
    }

    @Test
    void an_unknown_routing_key_is_refused_as_pagerduty_refuses_it() {
        String key = unique("unknown-routing-key");
        Response response = enqueue(event("R0UTINGKEY0000000000000000000000", "trigger", key, unique("svc"), "critical"));
        response.then().statusCode(400).contentType(ContentType.JSON);
        assertThat(response.asString()).isEqualTo(
                "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"Invalid routing key\"]}");
        assertThat(alertsWithKey(key)).isEmpty();
    }

    @Test
    void a_body_over_the_limit_is_413() {
        String huge = "{\"routing_key\":\"" + DEV_KEY + "\",\"event_action\":\"trigger\",\"payload\":{\"summary\":\"x\","
                + "\"source\":\"h\",\"severity\":\"info\",\"custom_details\":{\"blob\":\"" + "x".repeat(1_100_000) + "\"}}}";
        enqueue(huge).then().statusCode(413);
    }
}
