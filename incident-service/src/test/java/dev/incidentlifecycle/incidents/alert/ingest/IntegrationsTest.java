package dev.incidentlifecycle.incidents.alert.ingest;

import dev.incidentlifecycle.testing.KafkaTopic;
import dev.incidentlifecycle.testing.RealInfrastructure;
import dev.incidentlifecycle.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static dev.incidentlifecycle.incidents.Http.PROBLEM;
import static dev.incidentlifecycle.incidents.Http.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** Each sender is a named integration with its own key: shown once, stored hashed, rotated with an overlap, revoked at once. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "incident"))
class IntegrationsTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    static RequestSpecification asAdmin() {
        return given().auth().oauth2(Tokens.forUser("ada").roles("admin").sign()).contentType(ContentType.JSON);
    }

    static JsonPath create(String name) {
        return asAdmin().body(Map.of("name", name, "description", "Grafana alerting, production stack")).post("/integrations")
                .then().statusCode(201).extract().jsonPath();
    }

    static int enqueue(String key, String dedupKey) {
        return PagerDutyEnqueueTest.enqueue(PagerDutyEnqueueTest.event(key, "trigger", dedupKey, unique("datapipe"), "warning")).statusCode();
    }

    static int alertmanager(String token) {
        return AlertmanagerWebhookTest.send(token, AlertmanagerWebhookTest.notification("firing", unique("node"), "0001-01-01T00:00:00Z")).statusCode();
    }

    @Test
    void a_new_integrations_key_is_shown_once_sends_alerts_under_its_name_and_is_kept_only_hashed() {
        String name = unique("grafana-prod").toLowerCase();
        JsonPath created = create(name);
        String key = created.getString("key");
        assertThat(key).startsWith("ik_").hasSizeGreaterThan(40);
        assertThat(created.getString("status")).isEqualTo("ACTIVE");
        assertThat(created.getList("keys")).hasSize(1);
        assertThat(key).startsWith(created.getString("keys[0].prefix"));

        // Never shown again.
        asAdmin().get("/integrations/" + created.getString("id")).then().statusCode(200)
                .body("key", nullValue(), "name", equalTo(name), "keys", hasSize(1));

        String dedupKey = unique("disk-full");
        try (KafkaTopic topic = KafkaTopic.readFromStart("alerts")) {
            assertThat(enqueue(key, dedupKey)).isEqualTo(202);
            await().atMost(WAIT).until(() -> !topic.poll().withKey(dedupKey).isEmpty());
            ConsumerRecord<String, byte[]> record = topic.withKey(dedupKey).get(0);
            // The integration is the actor; the body's "client" stays in the alert as detail.
            assertThat(KafkaTopic.header(record, "ce_actor")).isEqualTo(name);
            assertThat(KafkaTopic.value(record)).contains("Sample Monitoring Service").doesNotContain(key);
        }
        assertThat(alertmanager(key)).isEqualTo(202);
    }

    @Test
    void a_create_retried_with_its_idempotency_key_makes_one_integration_and_never_shows_the_key_again() {
        String name = unique("nagios").toLowerCase();
        String key = java.util.UUID.randomUUID().toString();
        var first = asAdmin().header("Idempotency-Key", key).body(Map.of("name", name)).post("/integrations")
                .then().statusCode(201).header("Cache-Control", "no-store").extract();
        var retried = asAdmin().header("Idempotency-Key", key).body(Map.of("name", name)).post("/integrations")
                .then().statusCode(201).header("Idempotent-Replayed", "true").extract();

        assertThat(first.jsonPath().getString("key")).startsWith("ik_");
        assertThat(retried.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retried.body().asString()).isEmpty();
    }

    @Test
    void a_revoked_key_is_403_at_once_and_an_unknown_one_is_refused_as_before() {
        JsonPath created = create(unique("datadog").toLowerCase());
        String key = created.getString("key");
        assertThat(enqueue(key, unique("k"))).isEqualTo(202);

        asAdmin().post("/integrations/" + created.getString("id") + "/revoke").then().statusCode(200)
                .body("status", equalTo("REVOKED"), "revokedBy", equalTo("ada"), "keys", hasSize(0));

        PagerDutyEnqueueTest.enqueue(PagerDutyEnqueueTest.event(key, "trigger", unique("k"), "svc", "warning"))
                .then().statusCode(403).body("errors[0]", equalTo("Routing key revoked"));
        assertThat(alertmanager(key)).isEqualTo(403);
        assertThat(enqueue("ik_never-issued", unique("k"))).isEqualTo(400);
        assertThat(alertmanager("ik_never-issued")).isEqualTo(401);
        asAdmin().post("/integrations/" + created.getString("id") + "/revoke").then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void a_rotated_key_works_during_its_overlap_and_not_after() {
        JsonPath created = create(unique("prometheus").toLowerCase());
        String id = created.getString("id");
        String first = created.getString("key");

        JsonPath withOverlap = asAdmin().body(Map.of("overlap", "PT1H")).post("/integrations/" + id + "/rotate")
                .then().statusCode(200).extract().jsonPath();
        String second = withOverlap.getString("key");
        assertThat(second).isNotEqualTo(first);
        assertThat(withOverlap.getList("keys")).hasSize(2);
        assertThat(enqueue(first, unique("k"))).as("the old key, during the overlap").isEqualTo(202);
        assertThat(enqueue(second, unique("k"))).isEqualTo(202);

        String third = asAdmin().body(Map.of("overlap", "PT0S")).post("/integrations/" + id + "/rotate")
                .then().statusCode(200).body("keys", hasSize(1)).extract().jsonPath().getString("key");
        assertThat(enqueue(first, unique("k"))).isEqualTo(403);
        assertThat(enqueue(second, unique("k"))).isEqualTo(403);
        assertThat(enqueue(third, unique("k"))).isEqualTo(202);
    }

    @Test
    void only_admins_manage_integrations_names_are_unique_and_bounded_and_the_list_pages() {
        given().auth().oauth2(Tokens.forUser("riley").roles("responder").sign()).contentType(ContentType.JSON)
                .body(Map.of("name", "sneaky")).post("/integrations").then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(Tokens.forUser("riley").roles("responder").sign()).get("/integrations").then().statusCode(403);
        String name = unique("zabbix").toLowerCase();
        create(name);
        asAdmin().body(Map.of("name", name)).post("/integrations").then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("exists already"));
        asAdmin().body(Map.of("name", "Has Spaces")).post("/integrations").then().statusCode(400).contentType(PROBLEM);
        asAdmin().body(Map.of("name", "x".repeat(65))).post("/integrations").then().statusCode(400);
        asAdmin().body(Map.of("overlap", "P90D")).post("/integrations/" + create(unique("n").toLowerCase()).getString("id") + "/rotate")
                .then().statusCode(400).body("detail", containsString("P30D"));
        asAdmin().get("/integrations/00000000-0000-4000-8000-000000000000").then().statusCode(404).contentType(PROBLEM);

        asAdmin().queryParam("size", 1).get("/integrations").then().statusCode(200)
                .body("items", hasSize(1), "size", equalTo(1), "page", equalTo(0));
    }
}
