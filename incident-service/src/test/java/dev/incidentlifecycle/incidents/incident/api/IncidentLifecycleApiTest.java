package dev.incidentlifecycle.incidents.incident.api;

import dev.incidentlifecycle.testing.RealInfrastructure;
import dev.incidentlifecycle.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static dev.incidentlifecycle.incidents.Http.PROBLEM;
import static dev.incidentlifecycle.incidents.Http.asReader;
import static dev.incidentlifecycle.incidents.Http.asResponder;
import static dev.incidentlifecycle.incidents.Http.command;
import static dev.incidentlifecycle.incidents.Http.declare;
import static dev.incidentlifecycle.incidents.Http.incident;
import static dev.incidentlifecycle.incidents.Http.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "incident"))
class IncidentLifecycleApiTest {

    /** Runs a command with the version the test last saw; returns the new version. */
    static long step(String id, String action, Object body, long version) {
        Response response = command(id, action, body, version);
        response.then().statusCode(200).header("ETag", "\"" + (version + 1) + "\"");
        return response.jsonPath().getLong("version");
    }

    static void refused(String id, String action, Object body, String detail) {
        command(id, action, body, null).then().statusCode(409).contentType(PROBLEM)
                .body("status", equalTo(409), "title", equalTo("Not allowed in the current state"),
                        "detail", containsString(detail));
    }

    @Test
    void declaring_by_hand_answers_201_with_location_etag_and_the_incident() {
        String service = unique("checkout");
        Response response = asResponder()
                .body(Map.of("title", "Checkout fails for card payments", "severity", "SEV2", "service", service,
                        "commander", "sam"))
                .post("/incidents");
        response.then().statusCode(201)
                .header("Location", containsString("/incidents/" + response.jsonPath().getString("id")))
                .body("number", matchesPattern("INC-[1-9][0-9]*"),
                        "title", equalTo("Checkout fails for card payments"),
                        "status", equalTo("INVESTIGATING"), "severity", equalTo("SEV2"), "service", equalTo(service),
                        "commander", equalTo("sam"), "declaredBy", equalTo("riley"), "source", equalTo("MANUAL"),
                        "declaredAt", notNullValue(), "acknowledgedAt", nullValue(), "mitigatedAt", nullValue(),
                        "resolvedAt", nullValue(), "version", equalTo(1));
        assertThat(response.header("ETag")).isEqualTo("\"1\"");

        String number = response.jsonPath().getString("number");
        asReader().get("/incidents/" + number).then().statusCode(200).header("ETag", "\"1\"")
                .body("id", equalTo(response.jsonPath().getString("id")));
        asReader().get("/incidents/" + number.toLowerCase()).then().statusCode(200);
    }

    @Test
    void every_legal_transition_moves_the_incident_and_its_version() {
        JsonPath declared = declare("Search is slow", "SEV3", unique("search"));
        String id = declared.getString("id");
        long v = declared.getLong("version");

        v = step(id, "acknowledge", null, v);
        assertThat(incident(id).getString("acknowledgedBy")).isEqualTo("riley");
        v = step(id, "mitigate", null, v);
        assertThat(incident(id).getString("status")).isEqualTo("MITIGATED");
        v = step(id, "resolve", Map.of("reason", "index rebuilt"), v);
        assertThat(incident(id).getString("status")).isEqualTo("RESOLVED");
        v = step(id, "reopen", Map.of("reason", "slow again"), v);
        JsonPath reopened = incident(id);
        assertThat(reopened.getString("status")).isEqualTo("INVESTIGATING");
        assertThat(reopened.getString("mitigatedAt")).isNull();
        assertThat(reopened.getInt("reopenCount")).isEqualTo(1);
        // Resolving straight from INVESTIGATING is allowed too.
        v = step(id, "resolve", null, v);
        assertThat(incident(id).getString("status")).isEqualTo("RESOLVED");
        assertThat(v).isEqualTo(6);

        asReader().get("/incidents/" + id + "/events").then().statusCode(200)
                .body("type", equalTo(List.of("incident.declared", "incident.acknowledged", "incident.mitigated",
                        "incident.resolved", "incident.reopened", "incident.resolved")),
                        "streamVersion", equalTo(List.of(1, 2, 3, 4, 5, 6)),
                        "[1].actor", equalTo("riley"), "[2].payload.incidentId", equalTo(id),
                        "[3].payload.reason", equalTo("index rebuilt"));
    }

    @Nested
    class IllegalTransitions {

        @Test
        void from_investigating() {
            String id = declare("Queue backlog", "SEV3", unique("queue")).getString("id");
            refused(id, "reopen", Map.of("reason", "why not"), "only a RESOLVED incident can be reopened");
            command(id, "acknowledge", null, null).then().statusCode(200);
            refused(id, "acknowledge", null, "was already acknowledged by riley");
        }

        @Test
        void from_mitigated() {
            String id = declare("Disk filling", "SEV4", unique("storage")).getString("id");
            command(id, "mitigate", null, null).then().statusCode(200);
            refused(id, "mitigate", null, "only an INVESTIGATING incident can be mitigated");
            refused(id, "reopen", Map.of("reason", "again"), "only a RESOLVED incident can be reopened");
        }

        @Test
        void from_resolved() {
            String id = declare("Cert expiring", "SEV4", unique("edge")).getString("id");
            command(id, "resolve", null, null).then().statusCode(200);
            refused(id, "acknowledge", null, "only an INVESTIGATING or MITIGATED incident can be acknowledged");
            refused(id, "mitigate", null, "only an INVESTIGATING incident can be mitigated");
            refused(id, "resolve", null, "only an INVESTIGATING or MITIGATED incident can be resolved");
        }

        @Test
        void a_severity_change_to_the_same_severity() {
            String id = declare("Login errors", "SEV2", unique("login")).getString("id");
            refused(id, "severity", Map.of("severity", "SEV2", "reason", "same"), "is already SEV2");
        }
    }

    @Test
    void milestones_need_no_body() throws Exception {
        String id = declare("Cron missed", "SEV4", unique("cron")).getString("id");
        asResponder().post("/incidents/" + id + "/acknowledge").then().statusCode(200).body("version", equalTo(2));
        // As curl -X POST sends it: no body, no Content-Type.
        HttpResponse<String> mitigated = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
                        .uri(URI.create("http://127.0.0.1:" + RestAssured.port + "/incidents/" + id + "/mitigate"))
                        .header("Authorization", "Bearer " + Tokens.forUser("riley").roles("responder").sign())
                        .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(mitigated.statusCode()).as(mitigated.body()).isEqualTo(200);
        assertThat(incident(id).getString("status")).isEqualTo("MITIGATED");
    }

    @Test
    void a_stale_if_match_is_412_and_changes_nothing() {
        String id = declare("Payments timeouts", "SEV2", unique("payments")).getString("id");
        command(id, "acknowledge", null, 1L).then().statusCode(200).header("ETag", "\"2\"");
        command(id, "mitigate", null, 1L).then().statusCode(412).contentType(PROBLEM)
                .body("status", equalTo(412), "detail", containsString("version 1"));
        assertThat(incident(id).getString("status")).isEqualTo("INVESTIGATING");
        asResponder().header("If-Match", "yesterday").body("{}").post("/incidents/" + id + "/mitigate")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void roles_responders_severity_impact_and_links_are_recorded() {
        String id = declare("Mobile app crashes", "SEV3", unique("mobile")).getString("id");
        command(id, "roles", Map.of("role", "COMMANDER", "person", "sam"), null).then().statusCode(200)
                .body("commander", equalTo("sam"));
        command(id, "roles", Map.of("role", "COMMUNICATIONS_LEAD", "person", "kim"), null).then().statusCode(200)
                .body("communicationsLead", equalTo("kim"));
        command(id, "responders", null, null).then().statusCode(200).body("responders", equalTo(List.of("riley")));
        command(id, "responders", Map.of("person", "alex"), null).then().statusCode(200)
                .body("responders", equalTo(List.of("riley", "alex")));
        command(id, "severity", Map.of("severity", "SEV1", "reason", "all users affected"), null).then().statusCode(200)
                .body("severity", equalTo("SEV1"));
        command(id, "impact", Map.of("statement", "iOS users cannot open the app"), null).then().statusCode(200)
                .body("impact", equalTo("iOS users cannot open the app"));
        command(id, "links", Map.of("url", "https://dashboards.example.com/mobile", "title", "Crash dashboard"), null)
                .then().statusCode(200).body("links[0].url", equalTo("https://dashboards.example.com/mobile"));

        asReader().get("/incidents/" + id + "/timeline").then().statusCode(200)
                .body("sentence", hasItem("riley made sam commander"),
                        "sentence", hasItem("Severity changed from SEV3 to SEV1: all users affected"),
                        "sentence", hasItem("riley added a link: Crash dashboard (https://dashboards.example.com/mobile)"));
    }

    @Test
    void malformed_commands_are_400_with_the_fields_at_fault() {
        asResponder().body("{}").post("/incidents").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("title"), "errors.field", hasItem("severity"));
        asResponder().body(Map.of("title", "x", "severity", "SEV9")).post("/incidents").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("severity"));
        asResponder().body(Map.of("title", "x", "severity", "SEV3", "colour", "red")).post("/incidents")
                .then().statusCode(400).contentType(PROBLEM);
        String id = declare("DNS flaps", "SEV3", unique("dns")).getString("id");
        command(id, "severity", Map.of("severity", "SEV2"), null).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("reason"));
        command(id, "reopen", Map.of(), null).then().statusCode(400).contentType(PROBLEM);
        command(id, "links", Map.of("url", "ftp://files.example.com"), null).then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("url"));
        command(id, "notes", Map.of("text", "from the future", "occurredAt", Instant.now().plus(1, ChronoUnit.HOURS).toString()), null)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("occurredAt"));
    }

    @Test
    void an_unknown_incident_is_404() {
        asReader().get("/incidents/INC-999999999").then().statusCode(404).contentType(PROBLEM);
        asReader().get("/incidents/5d0c3a4e-0000-4000-8000-000000000000").then().statusCode(404).contentType(PROBLEM);
        asReader().get("/incidents/not-an-id/timeline").then().statusCode(404).contentType(PROBLEM);
        command("INC-999999999", "acknowledge", null, null).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void as_of_a_time_the_incident_is_what_had_been_recorded_by_then() {
        String id = declare("Replica lag", "SEV3", unique("db")).getString("id");
        String declaredRecordedAt = asReader().get("/incidents/" + id + "/events").then().statusCode(200)
                .extract().jsonPath().getString("[0].recordedAt");
        command(id, "acknowledge", null, null).then().statusCode(200);
        command(id, "mitigate", null, null).then().statusCode(200);

        asReader().queryParam("asOf", declaredRecordedAt).get("/incidents/" + id).then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("status", equalTo("INVESTIGATING"), "acknowledgedAt", nullValue(), "version", equalTo(1));
        asReader().get("/incidents/" + id).then().statusCode(200)
                .body("status", equalTo("MITIGATED"), "acknowledgedAt", notNullValue(), "version", equalTo(3));
        String before = Instant.parse(declaredRecordedAt).minusSeconds(1).toString();
        asReader().queryParam("asOf", before).get("/incidents/" + id).then().statusCode(404).contentType(PROBLEM);
        asReader().queryParam("asOf", "last tuesday").get("/incidents/" + id).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("asOf"));
    }

    @Test
    void a_back_dated_note_keeps_when_it_was_recorded() {
        String id = declare("Elevated 5xx", "SEV2", unique("api")).getString("id");
        Instant noticed = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Instant before = Instant.now();
        command(id, "notes", Map.of("text", "first 5xx seen on the dashboard", "occurredAt", noticed.toString()), null)
                .then().statusCode(200).body("notes", equalTo(1));
        command(id, "notes", Map.of("text", "rolled back the deploy"), null).then().statusCode(200);

        JsonPath timeline = asReader().get("/incidents/" + id + "/timeline").then().statusCode(200).extract().jsonPath();
        // In order of occurrence: the back-dated note comes before the declaration.
        assertThat(timeline.getList("type")).containsExactly("incident.note-added", "incident.declared", "incident.note-added");
        assertThat(timeline.getString("[0].sentence")).isEqualTo("riley noted: first 5xx seen on the dashboard");
        assertThat(Instant.parse(timeline.getString("[0].occurredAt"))).isEqualTo(noticed);
        assertThat(Instant.parse(timeline.getString("[0].recordedAt"))).isAfterOrEqualTo(before.minusMillis(1));
        assertThat(timeline.getBoolean("[0].backDated")).isTrue();
        assertThat(timeline.getBoolean("[2].backDated")).isFalse();
        assertThat(timeline.getString("[0].actor")).isEqualTo("riley");
    }

    @Test
    void the_list_filters_orders_and_caps_its_pages() {
        String service = unique("billing");
        String first = declare("Invoices late", "SEV3", service).getString("id");
        String second = declare("Invoices wrong", "SEV2", service).getString("id");
        command(second, "resolve", null, null).then().statusCode(200);

        asReader().queryParam("service", service).get("/incidents").then().statusCode(200)
                .body("total", equalTo(2), "page", equalTo(0), "size", equalTo(50),
                        "items.id", equalTo(List.of(second, first)));
        asReader().queryParam("service", service).queryParam("status", "RESOLVED").get("/incidents").then()
                .statusCode(200).body("total", equalTo(1), "items[0].id", equalTo(second));
        asReader().queryParam("service", service).queryParam("severity", "SEV3").get("/incidents").then()
                .statusCode(200).body("items.id", equalTo(List.of(first)));
        asReader().queryParam("service", service).queryParam("size", 1).queryParam("page", 1).get("/incidents").then()
                .statusCode(200).body("items.id", equalTo(List.of(first)), "total", equalTo(2));
        asReader().queryParam("service", service).queryParam("from", Instant.now().plusSeconds(3600).toString())
                .get("/incidents").then().statusCode(200).body("total", equalTo(0));
        asReader().queryParam("size", 100000).get("/incidents").then().statusCode(200).body("size", equalTo(200));
        asReader().queryParam("status", "ON_FIRE").get("/incidents").then().statusCode(400).contentType(PROBLEM);
    }
}
