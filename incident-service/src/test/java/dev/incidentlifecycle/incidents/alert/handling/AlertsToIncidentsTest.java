package dev.incidentlifecycle.incidents.alert.handling;

import dev.incidentlifecycle.testing.RealInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.incidentlifecycle.incidents.Http.alertRecord;
import static dev.incidentlifecycle.incidents.Http.alertsOfService;
import static dev.incidentlifecycle.incidents.Http.alertsWithKey;
import static dev.incidentlifecycle.incidents.Http.asReader;
import static dev.incidentlifecycle.incidents.Http.command;
import static dev.incidentlifecycle.incidents.Http.followUp;
import static dev.incidentlifecycle.incidents.Http.incident;
import static dev.incidentlifecycle.incidents.Http.incidentsOfService;
import static dev.incidentlifecycle.incidents.Http.timelineTypes;
import static dev.incidentlifecycle.incidents.Http.trigger;
import static dev.incidentlifecycle.incidents.Http.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The declaration policy at work on records of the alerts topic (defaults: critical SEV2, error SEV3, others recorded). */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "incident"))
class AlertsToIncidentsTest {

    @Inject
    MeterRegistry meters;

    static final Duration WAIT = Duration.ofSeconds(60);

    double count(String name, String tag, String value) {
        Counter counter = meters.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void a_critical_alert_declares_a_sev2_incident_that_the_alert_is_attached_to() {
        String service = unique("checkout");
        String key = unique("checkout-5xx");
        RealInfrastructure.produce(alertRecord(key, trigger(key, "critical", service, "5xx above 5%")));

        await().atMost(WAIT).until(() -> incidentsOfService(service).size() == 1);
        Map<String, Object> declared = incidentsOfService(service).get(0);
        assertThat(declared).containsEntry("severity", "SEV2").containsEntry("status", "INVESTIGATING")
                .containsEntry("source", "ALERT").containsEntry("title", "[" + service + "] 5xx above 5%")
                .containsEntry("alertCount", 1);
        String incidentId = (String) declared.get("id");
        await().atMost(WAIT).until(() -> incidentId.equals(alertsWithKey(key).get(0).get("incidentId")));
        asReader().get("/incidents/" + incidentId + "/alerts").then().statusCode(200)
                .body("size()", equalTo(1),
                        "[0].dedupKey", equalTo(key),
                        "[0].status", equalTo("TRIGGERED"),
                        "[0].severity", equalTo("CRITICAL"),
                        "[0].summary", equalTo("5xx above 5%"),
                        "[0].occurrences", equalTo(1));
        assertThat(timelineTypes(incidentId)).containsExactly("incident.declared", "incident.alert-attached");
        JsonPath events = asReader().get("/incidents/" + incidentId + "/events").then().extract().jsonPath();
        assertThat(events.getString("[0].payload.detectedAt")).isNotNull();
        assertThat(events.getString("[1].payload.dedupKey")).isEqualTo(key);
    }

    @Test
    void an_error_alert_declares_sev3_and_warnings_and_infos_are_recorded_only() {
        String errors = unique("search");
        String quiet = unique("batch");
        String errorKey = unique("search-errors");
        String warningKey = unique("batch-slow");
        String infoKey = unique("batch-note");
        RealInfrastructure.produce(
                alertRecord(errorKey, trigger(errorKey, "error", errors, "errors rising")),
                alertRecord(warningKey, trigger(warningKey, "warning", quiet, "batch slower than usual")),
                alertRecord(infoKey, trigger(infoKey, "info", quiet, "batch started")));

        await().atMost(WAIT).until(() -> incidentsOfService(errors).size() == 1);
        assertThat(incidentsOfService(errors).get(0)).containsEntry("severity", "SEV3");
        await().atMost(WAIT).until(() -> alertsOfService(quiet).size() == 2);
        assertThat(incidentsOfService(quiet)).isEmpty();
        assertThat(alertsOfService(quiet)).allSatisfy(alert -> assertThat(alert.get("incidentId")).isNull());
    }

    @Test
    void alerts_of_a_service_with_an_open_incident_join_it_and_all_of_them_resolving_is_on_the_timeline() {
        String service = unique("payments");
        String first = unique("payments-latency");
        String second = unique("payments-errors");
        String warning = unique("payments-queue");
        RealInfrastructure.produce(
                alertRecord(first, trigger(first, "critical", service, "latency p99 above 2s")),
                alertRecord(second, trigger(second, "critical", service, "error rate above 1%")),
                alertRecord(warning, trigger(warning, "warning", service, "queue growing")));

        await().atMost(WAIT).until(() -> alertsOfService(service).stream().filter(a -> a.get("incidentId") != null).count() == 3);
        List<Map<String, Object>> incidents = incidentsOfService(service);
        assertThat(incidents).hasSize(1);
        String incidentId = (String) incidents.get(0).get("id");
        assertThat(alertsOfService(service)).extracting(a -> a.get("incidentId")).containsOnly(incidentId);
        assertThat(incident(incidentId).getInt("alertCount")).isEqualTo(3);

        RealInfrastructure.produce(
                alertRecord(first, followUp("resolve", first)),
                alertRecord(second, followUp("resolve", second)),
                alertRecord(warning, followUp("resolve", warning)));
        await().atMost(WAIT).until(() -> timelineTypes(incidentId).contains("incident.alerts-all-resolved"));
        assertThat(timelineTypes(incidentId)).containsOnlyOnce("incident.alerts-all-resolved");
        asReader().get("/incidents/" + incidentId + "/timeline").then().statusCode(200)
                .body("sentence", hasItem("All 3 alerts of the incident resolved"));
        // By default a person resolves the incident: it stays open.
        assertThat(incident(incidentId).getString("status")).isEqualTo("INVESTIGATING");
    }

    @Test
    void a_responders_changes_between_two_alerts_are_kept_when_the_next_alert_joins_the_incident() {
        // Triage keeps the incidents it attached alerts to in memory: one a responder changed since must be read again.
        String service = unique("ledger");
        String first = unique("ledger-lag");
        String second = unique("ledger-errors");
        RealInfrastructure.produce(alertRecord(first, trigger(first, "critical", service, "replication lag above 30s")));
        await().atMost(WAIT).until(() -> alertsOfService(service).stream().anyMatch(a -> a.get("incidentId") != null));
        String incidentId = (String) incidentsOfService(service).get(0).get("id");

        command(incidentId, "acknowledge", Map.of(), null).then().statusCode(200);
        command(incidentId, "severity", Map.of("severity", "SEV1", "reason", "payments affected"), null).then().statusCode(200);
        RealInfrastructure.produce(alertRecord(second, trigger(second, "critical", service, "write errors above 1%")));

        await().atMost(WAIT).until(() -> incident(incidentId).getInt("alertCount") == 2);
        JsonPath incident = incident(incidentId);
        assertThat(incident.getString("severity")).isEqualTo("SEV1");
        assertThat(incident.getString("acknowledgedAt")).isNotNull();
        assertThat(incidentsOfService(service)).hasSize(1);
        assertThat(timelineTypes(incidentId)).containsExactly("incident.declared", "incident.alert-attached",
                "incident.acknowledged", "incident.severity-changed", "incident.alert-attached");
    }

    @Test
    void acknowledge_and_resolve_of_an_unknown_or_resolved_key_change_nothing_and_are_counted() {
        String service = unique("cdn");
        String key = unique("cdn-hit-ratio");
        String unknown = unique("never-triggered");
        double ignoredAcks = count("alerts_ignored", "action", "acknowledge");
        double ignoredResolves = count("alerts_ignored", "action", "resolve");
        RealInfrastructure.produce(
                alertRecord(unknown, followUp("acknowledge", unknown)),
                alertRecord(unknown, followUp("resolve", unknown)),
                alertRecord(key, trigger(key, "warning", service, "hit ratio low")),
                alertRecord(key, followUp("acknowledge", key)),
                alertRecord(key, followUp("acknowledge", key)),
                alertRecord(key, followUp("resolve", key)),
                alertRecord(key, followUp("resolve", key)));

        await().atMost(WAIT).until(() -> !alertsWithKey(key).isEmpty() && "RESOLVED".equals(alertsWithKey(key).get(0).get("status")));
        await().atMost(WAIT).until(() -> count("alerts_ignored", "action", "resolve") >= ignoredResolves + 2
                && count("alerts_ignored", "action", "acknowledge") >= ignoredAcks + 2);
        assertThat(alertsWithKey(unknown)).isEmpty();
        Map<String, Object> alert = alertsWithKey(key).get(0);
        assertThat(alert.get("acknowledgedAt")).isNotNull();
        assertThat(alert.get("resolvedAt")).isNotNull();
        assertThat(count("alerts_received", "source", "kafka")).isPositive();
    }
}
