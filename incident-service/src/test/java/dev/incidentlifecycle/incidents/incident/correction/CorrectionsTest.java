package dev.incidentlifecycle.incidents.incident.correction;

import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.incidentlifecycle.incidents.Http.PROBLEM;
import static dev.incidentlifecycle.incidents.Http.alertRecord;
import static dev.incidentlifecycle.incidents.Http.alertsWithKey;
import static dev.incidentlifecycle.incidents.Http.asReader;
import static dev.incidentlifecycle.incidents.Http.asResponder;
import static dev.incidentlifecycle.incidents.Http.command;
import static dev.incidentlifecycle.incidents.Http.declare;
import static dev.incidentlifecycle.incidents.Http.followUp;
import static dev.incidentlifecycle.incidents.Http.incident;
import static dev.incidentlifecycle.incidents.Http.incidentsOfService;
import static dev.incidentlifecycle.incidents.Http.timelineTypes;
import static dev.incidentlifecycle.incidents.Http.trigger;
import static dev.incidentlifecycle.incidents.Http.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Corrections of an incident: detaching an alert, editing title, summary and service, merging a duplicate. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "incident"))
class CorrectionsTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    /** An incident declared from a critical alert, with more alerts of its service attached; answers its id. */
    static String incidentWithAlerts(String service, String... keys) {
        for (String key : keys) {
            RealInfrastructure.produce(alertRecord(key, trigger(key, "critical", service, "failing: " + key)));
        }
        await().atMost(WAIT).until(() -> incidentsOfService(service).size() == 1
                && ((Number) incidentsOfService(service).get(0).get("alertCount")).intValue() == keys.length);
        return (String) incidentsOfService(service).get(0).get("id");
    }

    static List<Map<String, Object>> timeline(String id) {
        return asReader().get("/incidents/" + id + "/timeline").then().statusCode(200).extract().jsonPath().getList("$");
    }

    static Map<String, Object> last(List<Map<String, Object>> entries) {
        return entries.get(entries.size() - 1);
    }

    @Test
    void a_wrongly_attached_alert_is_detached_with_who_and_when_and_its_later_signals_leave_the_incident_alone() {
        String service = unique("cart");
        String right = unique("cart-5xx");
        String wrong = unique("search-latency");
        String id = incidentWithAlerts(service, right, wrong);
        String alertId = (String) alertsWithKey(wrong).get(0).get("alertId");

        command(id, "alerts/" + alertId + "/detach", Map.of("reason", "a search alert, labelled cart by mistake"),
                incident(id).getLong("version")).then().statusCode(200).body("alertCount", equalTo(1));

        Map<String, Object> entry = last(timeline(id));
        assertThat(entry).containsEntry("type", "incident.alert-detached").containsEntry("actor", "riley")
                .containsEntry("sentence", "riley detached an alert: failing: " + wrong + " (a search alert, labelled cart by mistake)");
        assertThat(entry.get("occurredAt")).isNotNull();
        assertThat(alertsWithKey(wrong).get(0).get("incidentId")).isNull();
        asReader().get("/incidents/" + id + "/alerts").then().body("size()", equalTo(1), "[0].dedupKey", equalTo(right));

        // The alert's own stream knows: resolving every alert now speaks only of the one still attached.
        RealInfrastructure.produce(alertRecord(wrong, followUp("resolve", wrong)), alertRecord(right, followUp("resolve", right)));
        await().atMost(WAIT).until(() -> timelineTypes(id).contains("incident.alerts-all-resolved"));
        assertThat(last(timeline(id))).containsEntry("sentence", "The incident's alert resolved");

        command(id, "alerts/" + alertId + "/detach", null, null).then().statusCode(409).contentType(PROBLEM);
        command(id, "alerts/" + UUID.randomUUID() + "/detach", null, null).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void title_summary_and_service_are_corrected_and_the_timeline_says_who_changed_what() {
        JsonPath declared = declare("Checkout slow", "SEV3", unique("checkout"));
        String id = declared.getString("id");
        String service = unique("payments");

        asResponder().header("If-Match", "\"" + declared.getLong("version") + "\"")
                .body(Map.of("title", "Payments provider timing out", "summary", "Card payments time out at the provider",
                        "service", service))
                .patch("/incidents/" + id).then().statusCode(200)
                .body("title", equalTo("Payments provider timing out"),
                        "summary", equalTo("Card payments time out at the provider"), "service", equalTo(service));
        assertThat(last(timeline(id))).containsEntry("type", "incident.edited").containsEntry("actor", "riley")
                .containsEntry("sentence", "riley changed the title to \"Payments provider timing out\", changed the summary to "
                        + "\"Card payments time out at the provider\", changed the service to \"" + service + "\"");
        assertThat(incidentsOfService(service)).hasSize(1);

        // Only what is given changes; an empty summary clears it; the same values again record nothing.
        Map<String, Object> clear = new HashMap<>();
        clear.put("summary", "");
        asResponder().body(clear).patch("/incidents/" + id).then().statusCode(200)
                .body("summary", equalTo(null), "title", equalTo("Payments provider timing out"));
        long version = incident(id).getLong("version");
        asResponder().body(Map.of("service", service)).patch("/incidents/" + id).then().statusCode(200)
                .body("version", equalTo((int) version));

        asResponder().body(Map.of("title", "")).patch("/incidents/" + id).then().statusCode(400).contentType(PROBLEM);
        asResponder().header("If-Match", "\"1\"").body(Map.of("title", "x")).patch("/incidents/" + id)
                .then().statusCode(412).contentType(PROBLEM);
    }

    @Test
    void a_merge_leaves_one_incident_with_all_alerts_and_the_other_merged_with_a_link_to_it() {
        String first = unique("db");
        String second = unique("db-replica");
        String survivor = incidentWithAlerts(first, unique("db-conn"), unique("db-cpu"));
        String duplicate = incidentWithAlerts(second, unique("replica-lag"));
        String survivorNumber = incident(survivor).getString("number");
        String duplicateNumber = incident(duplicate).getString("number");

        command(duplicate, "merge", Map.of("into", survivorNumber, "reason", "one database outage"),
                incident(duplicate).getLong("version"))
                .then().statusCode(200)
                .body("status", equalTo("MERGED"), "mergedInto", equalTo(survivor), "mergedIntoNumber", equalTo(survivorNumber),
                        "alertCount", equalTo(0));

        assertThat(incident(survivor).getInt("alertCount")).isEqualTo(3);
        asReader().get("/incidents/" + survivor + "/alerts").then().body("size()", equalTo(3));
        asReader().get("/incidents/" + duplicate + "/alerts").then().body("size()", equalTo(0));
        assertThat(last(timeline(duplicate))).containsEntry("type", "incident.merged")
                .containsEntry("sentence", "riley merged the incident into " + survivorNumber + ", with its 1 alert: one database outage");
        assertThat(last(timeline(survivor))).containsEntry("type", "incident.merged-from")
                .containsEntry("sentence", "riley merged " + duplicateNumber + " into this incident, with its 1 alert: one database outage");
        asReader().queryParam("status", "MERGED").queryParam("service", second).get("/incidents")
                .then().statusCode(200).body("total", equalTo(1));

        // Final: nothing changes a merged incident, and nothing merges into it.
        command(duplicate, "notes", Map.of("text", "late"), null).then().statusCode(409).contentType(PROBLEM);
        command(survivor, "merge", Map.of("into", duplicate, "reason", "back"), null).then().statusCode(409).contentType(PROBLEM);
        command(survivor, "merge", Map.of("into", survivor, "reason", "self"), null).then().statusCode(400).contentType(PROBLEM);
        command(survivor, "merge", Map.of("into", "INC-999999999", "reason", "none"), null).then().statusCode(404).contentType(PROBLEM);
    }
}
