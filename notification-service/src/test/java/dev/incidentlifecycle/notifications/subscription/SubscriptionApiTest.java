package dev.incidentlifecycle.notifications.subscription;

import dev.incidentlifecycle.notifications.Events;
import dev.incidentlifecycle.notifications.Receiver;
import dev.incidentlifecycle.testing.RealInfrastructure;
import dev.incidentlifecycle.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.incidentlifecycle.notifications.Api.PROBLEM;
import static dev.incidentlifecycle.notifications.Api.admin;
import static dev.incidentlifecycle.notifications.Api.awaitDeliveries;
import static dev.incidentlifecycle.notifications.Api.deliveries;
import static dev.incidentlifecycle.notifications.Api.status;
import static dev.incidentlifecycle.notifications.Api.subscribe;
import static dev.incidentlifecycle.notifications.Events.types;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "notifications"))
class SubscriptionApiTest {

    static Map<String, Object> body(String url) {
        return Map.of("targetUrl", url, "format", "standard-webhooks", "eventTypes", List.of("incident.declared"));
    }

    @Test
    void targets_on_private_link_local_or_unspecified_addresses_are_refused() {
        for (String url : List.of("http://10.1.2.3/hook", "http://169.254.169.254/latest/meta-data", "http://192.168.0.10:8080/x",
                "http://[fd00::1]/hook", "http://0.0.0.0/hook")) {
            given().auth().oauth2(admin()).contentType(ContentType.JSON).body(body(url)).post("/subscriptions")
                    .then().statusCode(400).contentType(PROBLEM)
                    .body("errors[0].field", equalTo("targetUrl"))
                    .body("detail", containsString("not allowed"));
        }
        for (String url : List.of("ftp://example.com/x", "not a url", "http://user:pw@127.0.0.1/x")) {
            given().auth().oauth2(admin()).contentType(ContentType.JSON).body(body(url)).post("/subscriptions")
                    .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("targetUrl"));
        }
    }

    @Test
    void requests_are_checked_and_bounded() {
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("targetUrl", "http://127.0.0.1:9/x", "format", "standard-webhooks", "eventTypes", List.of("incident declared")))
                .post("/subscriptions").then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("targetUrl", "http://127.0.0.1:9/x", "format", "xml", "eventTypes", List.of("incident.declared")))
                .post("/subscriptions").then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("targetUrl", "http://127.0.0.1:9/x", "format", "standard-webhooks", "eventTypes", List.of()))
                .post("/subscriptions").then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(admin()).get("/subscriptions/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(admin()).get("/subscriptions?size=0").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void only_admins_manage_subscriptions() {
        String responder = Tokens.forUser("ana").roles("responder").sign();
        given().auth().oauth2(responder).get("/subscriptions").then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(responder).contentType(ContentType.JSON).body(body("http://127.0.0.1:9/x")).post("/subscriptions")
                .then().statusCode(403).contentType(PROBLEM);
        given().get("/subscriptions").then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void severity_and_team_filters_pick_the_events_and_the_delivery_log_is_paged() {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String team = "team-" + UUID.randomUUID().toString().substring(0, 8);
        try (Receiver receiver = Receiver.start()) {
            JsonPath sev1 = subscribe(receiver.url("/sev1"), "standard-webhooks", types("incident.declared"),
                    Map.of("service", service, "severity", "SEV1"));
            JsonPath ofTeam = subscribe(receiver.url("/team"), "standard-webhooks", types("action-item.created", "action-item.overdue"),
                    Map.of("team", team));

            Events.declared(service, "SEV1");
            Events.declared(service, "SEV3");
            Events.declared(service, "SEV1");
            Events.declared(service, "SEV1");
            Events.overdueActionItem(team, service);
            Events.overdueActionItem("other-" + team, service);

            awaitDeliveries(sev1.getString("id"), 3, status("DELIVERED"));
            assertThat(receiver.receivedAt("/sev1")).hasSize(3)
                    .allMatch(r -> new JsonPath(r.body()).getString("data.severity").equals("SEV1"));
            awaitDeliveries(ofTeam.getString("id"), 2, status("DELIVERED"));
            assertThat(receiver.receivedAt("/team")).extracting(r -> new JsonPath(r.body()).getString("type"))
                    .containsExactlyInAnyOrder("action-item.created", "action-item.overdue");

            JsonPath first = deliveries(sev1.getString("id"), "?size=2");
            assertThat(first.getList("items")).hasSize(2);
            assertThat(first.getInt("total")).isEqualTo(3);
            assertThat(first.getInt("page")).isZero();
            assertThat(first.getInt("size")).isEqualTo(2);
            JsonPath second = deliveries(sev1.getString("id"), "?size=2&page=1");
            assertThat(second.getList("items")).hasSize(1);
            assertThat(second.getList("items.id")).doesNotContainAnyElementsOf(first.getList("items.id"));
            assertThat(deliveries(sev1.getString("id"), "?status=FAILED").getInt("total")).isZero();

            JsonPath listed = given().auth().oauth2(admin()).get("/subscriptions?size=1").then().statusCode(200).extract().jsonPath();
            assertThat(listed.getList("items")).hasSize(1);
            assertThat(listed.getInt("total")).isGreaterThanOrEqualTo(2);
            assertThat(listed.getString("items[0].secret")).isNull();
        }
    }

    @Test
    void a_create_retried_with_its_idempotency_key_makes_one_subscription() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> request = body("http://127.0.0.1:9/retried");

        var first = given().auth().oauth2(admin()).header("Idempotency-Key", key).contentType(ContentType.JSON).body(request)
                .post("/subscriptions").then().statusCode(201).header("Cache-Control", "no-store").extract();
        var retried = given().auth().oauth2(admin()).header("Idempotency-Key", key).contentType(ContentType.JSON).body(request)
                .post("/subscriptions").then().statusCode(201).header("Idempotent-Replayed", "true").extract();

        // The same subscription, not a second one; its secret was shown once and is neither kept nor shown again.
        assertThat(retried.header("Location")).isEqualTo(first.header("Location")).endsWith(first.jsonPath().getString("id"));
        assertThat(first.jsonPath().getString("secret")).startsWith("whsec_");
        assertThat(retried.body().asString()).isEmpty();
        given().auth().oauth2(admin()).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body("http://127.0.0.1:9/other"))
                .post("/subscriptions").then().statusCode(422).contentType(PROBLEM);
    }

    @Test
    void a_deleted_subscription_is_gone_with_its_log() {
        JsonPath created = subscribe("http://127.0.0.1:9/gone", "standard-webhooks", types("incident.declared"), null);
        given().auth().oauth2(admin()).delete("/subscriptions/" + created.getString("id")).then().statusCode(204);
        given().auth().oauth2(admin()).get("/subscriptions/" + created.getString("id")).then().statusCode(404);
        given().auth().oauth2(admin()).get("/subscriptions/" + created.getString("id") + "/deliveries").then().statusCode(404);
    }
}
