package dev.incidentlifecycle.incidents.incident.api;

import dev.incidentlifecycle.testing.RealInfrastructure;
import dev.incidentlifecycle.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static dev.incidentlifecycle.incidents.Http.PROBLEM;
import static dev.incidentlifecycle.incidents.Http.asReader;
import static dev.incidentlifecycle.incidents.Http.declare;
import static dev.incidentlifecycle.incidents.Http.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Reads need a valid token; changes need the responder or admin role. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "incident"))
class IncidentSecurityTest {

    static final Map<String, String> DECLARATION = Map.of("title", "Nope", "severity", "SEV4");

    @Test
    void without_a_valid_token_everything_but_ingestion_is_401_problem_json() {
        String id = declare("Guarded", "SEV4", unique("guard")).getString("id");
        given().get("/incidents").then().statusCode(401).contentType(PROBLEM).header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401));
        given().get("/incidents/" + id).then().statusCode(401).contentType(PROBLEM);
        given().get("/incidents/stats").then().statusCode(401).contentType(PROBLEM);
        given().get("/alerts").then().statusCode(401).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body(DECLARATION).post("/incidents").then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2(Tokens.expired()).get("/incidents").then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2(Tokens.signedByAnotherKey()).contentType(ContentType.JSON).body("{}")
                .post("/incidents/" + id + "/acknowledge").then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void the_wrong_role_is_403_problem_json_and_changes_nothing() {
        String id = declare("Guarded", "SEV4", unique("guard")).getString("id");
        String reviewer = Tokens.forUser("val").roles("reviewer").sign();
        given().auth().oauth2(reviewer).contentType(ContentType.JSON).body(DECLARATION).post("/incidents")
                .then().statusCode(403).contentType(PROBLEM).body("status", equalTo(403), "title", equalTo("Forbidden"));
        given().auth().oauth2(reviewer).contentType(ContentType.JSON).body("{}").post("/incidents/" + id + "/acknowledge")
                .then().statusCode(403).contentType(PROBLEM);
        asReader().contentType(ContentType.JSON).body(Map.of("text", "hi")).post("/incidents/" + id + "/notes")
                .then().statusCode(403).contentType(PROBLEM);
        asReader().get("/incidents/" + id).then().statusCode(200).body("acknowledgedAt", equalTo(null), "version", equalTo(1));
    }

    @Test
    void an_admin_may_change_and_anyone_with_a_token_may_read() {
        String id = declare("Guarded", "SEV4", unique("guard")).getString("id");
        String admin = Tokens.forUser("ada").roles("admin").sign();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{}").post("/incidents/" + id + "/acknowledge")
                .then().statusCode(200).body("acknowledgedBy", equalTo("ada"));
        asReader().get("/incidents/" + id + "/timeline").then().statusCode(200);
        asReader().get("/incidents/" + id + "/alerts").then().statusCode(200);
        asReader().get("/incidents/" + id + "/events").then().statusCode(200);
        asReader().get("/incidents/stats").then().statusCode(200);
    }

    @Test
    void the_api_is_described_in_openapi_and_metrics_are_exposed() {
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/v2/enqueue"), containsString("/webhooks/alertmanager"),
                        containsString("/incidents/{id}/timeline"), containsString("/incidents/stats"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("event_store_events_appended"));
    }

    @Test
    void the_metrics_the_operators_rules_and_dashboard_read_are_exported() {
        // deploy/observability queries these names; the gauges appear once their first refresh ran.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(containsString("incidents_open "), containsString("incidents_mtta_seconds "),
                        containsString("incidents_mttr_seconds "), containsString("kafka_consumer_fetch_manager_records_lag{")));
    }
}
