package dev.incidentlifecycle.incidents.alert.ingest;

import dev.incidentlifecycle.incidents.alert.OpsgenieAlert;
import dev.incidentlifecycle.testing.KafkaTopic;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
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

/** POST /v2/alerts and its acknowledge and close answer as Opsgenie's Alert API does; the alerts are handled like any other. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "incident"))
class OpsgenieAlertApiTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    static Response create(String key, String body) {
        return given().header("Authorization", "GenieKey " + key).contentType(ContentType.JSON).body(body).post("/v2/alerts");
    }

    static Response act(String key, String alias, String action, String identifierType, String body) {
        var request = given().header("Authorization", "GenieKey " + key).contentType(ContentType.JSON);
        if (identifierType != null) {
            request = request.queryParam("identifierType", identifierType);
        }
        if (body != null) {
            request = request.body(body);
        }
        return request.post("/v2/alerts/" + alias + "/" + action);
    }

    static String alert(String alias, String entity, String priority) {
        return "{\"message\":\"Checkout 5xx above 5%\",\"alias\":\"" + alias + "\",\"description\":\"Error ratio 7.2%\\nfor 5 minutes\","
                + "\"priority\":\"" + priority + "\",\"source\":\"grafana\",\"entity\":\"" + entity + "\",\"tags\":[\"prod\",\"eu-west-1\"],"
                + "\"details\":{\"environment\":\"prod\",\"replicas\":3},\"responders\":[{\"name\":\"payments\",\"type\":\"team\"}],"
                + "\"user\":\"Monitoring Script\",\"note\":\"Created by Grafana\",\"someFutureField\":{\"ignored\":true}}";
    }

    /** 202 with Opsgenie's body: result, took in seconds, a request id (also in X-Request-ID). */
    static void accepted(Response response) {
        response.then().statusCode(202).contentType(ContentType.JSON);
        assertThat(response.asString()).matches("\\{\"result\":\"Request will be processed\",\"took\":\\d+\\.\\d+,\"requestId\":\"" + UUID + "\"}");
        assertThat(response.header("X-Request-ID")).isEqualTo(response.jsonPath().getString("requestId"));
    }

    /** Opsgenie's error body: message, the errors by field when given, took, requestId. */
    static JsonPath refused(Response response, int status, String message) {
        response.then().statusCode(status).contentType(ContentType.JSON);
        JsonPath json = response.jsonPath();
        assertThat(json.getString("message")).isEqualTo(message);
        assertThat(json.getString("requestId")).matches(UUID);
        assertThat(json.getDouble("took")).isGreaterThanOrEqualTo(0.0);
        assertThat(json.getMap("$").keySet()).isSubsetOf("message", "errors", "took", "requestId");
        return json;
    }

    static Map<String, String> errors(Response response) {
        return refused(response, 422, OpsgenieAlertResource.NOT_PROCESSABLE).getMap("errors");
    }

    @Test
    void create_acknowledge_close_round_trip_with_alias_dedup() {
        String service = unique("checkout");
        String alias = unique("checkout-5xx");
        try (KafkaTopic topic = KafkaTopic.readFromStart("alerts")) {
            accepted(create(DEV_KEY, alert(alias, service, "P1")));
            await().atMost(WAIT).until(() -> !topic.poll().withKey(alias).isEmpty());
            ConsumerRecord<String, byte[]> record = topic.withKey(alias).get(0);
            assertThat(KafkaTopic.header(record, "ce_source")).isEqualTo("/incident-service/v2/alerts");
            assertThat(KafkaTopic.header(record, "ce_actor")).isEqualTo("events-api");
            assertThat(KafkaTopic.value(record)).doesNotContain(DEV_KEY).doesNotContain("someFutureField");
        }

        // P1 is critical: the default policy declares an incident for the entity's service.
        await().atMost(WAIT).until(() -> alertsWithKey(alias).size() == 1 && alertsWithKey(alias).get(0).get("incidentId") != null);
        Map<String, Object> alert = alertsWithKey(alias).get(0);
        assertThat(alert).containsEntry("status", "TRIGGERED").containsEntry("severity", "CRITICAL")
                .containsEntry("summary", "Checkout 5xx above 5%").containsEntry("source", "grafana")
                .containsEntry("service", service).containsEntry("occurrences", 1);
        assertThat(alert.get("customDetails")).isEqualTo(Map.of("environment", "prod", "replicas", "3",
                "opsgenie", Map.of("priority", "P1", "description", "Error ratio 7.2%\nfor 5 minutes", "tags", List.of("prod", "eu-west-1"),
                        "user", "Monitoring Script", "note", "Created by Grafana")));
        List<Map<String, Object>> incidents = incidentsOfService(service);
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0)).containsEntry("severity", "SEV2");

        // The same alias again: the same alert, one more occurrence, no second incident.
        accepted(create(DEV_KEY, alert(alias, service, "P1")));
        await().atMost(WAIT).until(() -> Integer.valueOf(2).equals(alertsWithKey(alias).get(0).get("occurrences")));
        assertThat(alertsWithKey(alias)).hasSize(1);
        assertThat(incidentsOfService(service)).hasSize(1);

        accepted(act(DEV_KEY, alias, "acknowledge", "alias", "{\"user\":\"Monitoring Script\",\"source\":\"AWS Lambda\",\"note\":\"Action executed via Alert API\"}"));
        await().atMost(WAIT).until(() -> "ACKNOWLEDGED".equals(alertsWithKey(alias).get(0).get("status")));
        accepted(act(DEV_KEY, alias, "close", "alias", null));
        await().atMost(WAIT).until(() -> "RESOLVED".equals(alertsWithKey(alias).get(0).get("status")));
    }

    @Test
    void without_an_alias_the_request_id_is_the_alias_and_priority_defaults_to_p3_recorded_only() {
        String service = unique("search");
        Response response = create(DEV_KEY, "{\"message\":\"Search latency high\",\"entity\":\"" + service + "\"}");
        accepted(response);
        String alias = response.jsonPath().getString("requestId");
        await().atMost(WAIT).until(() -> alertsWithKey(alias).size() == 1);
        Map<String, Object> alert = alertsWithKey(alias).get(0);
        assertThat(alert).containsEntry("severity", "WARNING").containsEntry("service", service);
        assertThat(alert.get("incidentId")).isNull();
        // Opsgenie's default source: the address the request came from.
        assertThat(alert.get("source")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
    }

    @Test
    void keys_are_checked_as_for_the_events_api() {
        String alias = unique("unauthenticated");
        refused(given().contentType(ContentType.JSON).body(alert(alias, "svc", "P1")).post("/v2/alerts"), 401, "Could not authenticate");
        refused(create("ik_never-issued", alert(alias, "svc", "P1")), 401, "Could not authenticate");
        refused(given().header("Authorization", "Bearer " + DEV_KEY).contentType(ContentType.JSON).body(alert(alias, "svc", "P1"))
                .post("/v2/alerts"), 401, "Could not authenticate");
        refused(act("ik_never-issued", alias, "close", "alias", null), 401, "Could not authenticate");

        JsonPath integration = IntegrationsTest.create(unique("opsgenie-sender").toLowerCase());
        String key = integration.getString("key");
        accepted(create(key, alert(unique("with-integration"), "svc", "P5")));
        IntegrationsTest.asAdmin().post("/integrations/" + integration.getString("id") + "/revoke").then().statusCode(200);
        refused(create(key, alert(alias, "svc", "P1")), 403, OpsgenieAlertResource.REVOKED);
        refused(act(key, alias, "acknowledge", "alias", null), 403, OpsgenieAlertResource.REVOKED);
        assertThat(alertsWithKey(alias)).isEmpty();
    }

    @Test
    void a_refused_body_is_422_with_every_field_in_opsgenies_shape_and_nothing_is_written() {
        String alias = unique("refused");
        assertThat(errors(create(DEV_KEY, "{\"alias\":\"" + alias + "\",\"priority\":\"P1\"}")))
                .isEqualTo(Map.of("message", "is missing or blank"));
        assertThat(errors(create(DEV_KEY, "{\"message\":\"" + "m".repeat(131) + "\",\"alias\":\"" + alias + "\"}")))
                .isEqualTo(Map.of("message", "exceeds 130 characters"));
        assertThat(errors(create(DEV_KEY, "{\"message\":\"Disk\\u0007 full\",\"alias\":\"" + alias + "\",\"entity\":\"db\\n1\"}")))
                .isEqualTo(Map.of("message", "contains a control character U+0007 at index 4",
                        "entity", "contains a control character U+000A at index 2"));
        assertThat(errors(create(DEV_KEY, "{\"message\":\"Disk full\",\"alias\":\"" + alias + "\",\"priority\":\"critical\"}")))
                .isEqualTo(Map.of("priority", "should be one of [ P1, P2, P3, P4, P5 ]"));
        assertThat(errors(create(DEV_KEY, "{\"message\":\"Disk full\",\"alias\":\"" + alias + "\",\"tags\":\"prod\","
                + "\"details\":{\"opsgenie\":\"x\",\"nested\":{\"a\":1}},\"description\":\"" + "d".repeat(15_001) + "\"}")))
                .containsOnlyKeys("tags", "details.opsgenie", "details.nested", "description");
        refused(create(DEV_KEY, "this is not json"), 400, OpsgenieAlertResource.NOT_AN_OBJECT);
        assertThat(alertsWithKey(alias)).isEmpty();
    }

    @Test
    void acknowledge_and_close_find_alerts_by_alias_only() {
        String alias = unique("by-id");
        for (String type : new String[] {null, "id", "tiny"}) {
            JsonPath json = refused(act(DEV_KEY, alias, "acknowledge", type, null), 422,
                    OpsgenieAlert.unsupportedIdentifierType(type));
            assertThat(json.getMap("errors")).isEqualTo(Map.of("identifierType", "should be alias"));
        }
        refused(act(DEV_KEY, alias, "close", "tiny", null), 422, OpsgenieAlert.unsupportedIdentifierType("tiny"));
        assertThat(errors(act(DEV_KEY, alias, "close", "alias", "{\"note\":\"x\\u0000\"}")))
                .isEqualTo(Map.of("note", "contains a control character U+0000 at index 1"));
        refused(act(DEV_KEY, alias, "close", "alias", "[1]"), 400, OpsgenieAlertResource.NOT_AN_OBJECT);
    }
}
