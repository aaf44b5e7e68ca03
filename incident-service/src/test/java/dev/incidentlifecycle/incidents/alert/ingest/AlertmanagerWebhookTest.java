package dev.incidentlifecycle.incidents.alert.ingest;

import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.incidentlifecycle.incidents.Http.DEV_KEY;
import static dev.incidentlifecycle.incidents.Http.PROBLEM;
import static dev.incidentlifecycle.incidents.Http.alertsOfService;
import static dev.incidentlifecycle.incidents.Http.incidentsOfService;
import static dev.incidentlifecycle.incidents.Http.timelineTypes;
import static dev.incidentlifecycle.incidents.Http.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** POST /webhooks/alertmanager with what Alertmanager (webhook version 4) sends. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "incident"))
class AlertmanagerWebhookTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    static Response send(String token, String notification) {
        var request = given().contentType(ContentType.JSON).body(notification);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.post("/webhooks/alertmanager");
    }

    /** A notification as Alertmanager 0.25 writes it, for two alerts of one group. */
    static String notification(String status, String service, String endsAt) {
        return """
                {
                  "version": "4",
                  "groupKey": "{}:{alertname=\\"HighErrorRate\\"}",
                  "truncatedAlerts": 0,
                  "status": "%1$s",
                  "receiver": "incident-lifecycle",
                  "groupLabels": {"alertname": "HighErrorRate"},
                  "commonLabels": {"alertname": "HighErrorRate", "service": "%2$s", "severity": "critical"},
                  "commonAnnotations": {},
                  "externalURL": "http://alertmanager.example.com:9093",
                  "alerts": [
                    {
                      "status": "%1$s",
                      "labels": {"alertname": "HighErrorRate", "service": "%2$s", "severity": "critical", "instance": "web-1:9100"},
                      "annotations": {"summary": "5xx above 5%% on web-1"},
                      "startsAt": "2026-03-02T10:00:00.000Z",
                      "endsAt": "%3$s",
                      "generatorURL": "http://prometheus.example.com:9090/graph?g0.expr=rate",
                      "fingerprint": "%2$s-a1"
                    },
                    {
                      "status": "%1$s",
                      "labels": {"alertname": "HighErrorRate", "service": "%2$s", "severity": "critical", "instance": "web-2:9100"},
                      "annotations": {"summary": "5xx above 5%% on web-2"},
                      "startsAt": "2026-03-02T10:00:30.000Z",
                      "endsAt": "%3$s",
                      "generatorURL": "http://prometheus.example.com:9090/graph?g0.expr=rate",
                      "fingerprint": "%2$s-a2"
                    }
                  ]
                }
                """.formatted(status, service, endsAt);
    }

    @Test
    void firing_then_repeated_then_resolved() {
        String service = unique("web");
        send(DEV_KEY, notification("firing", service, "0001-01-01T00:00:00Z")).then().statusCode(202)
                .body("alerts", equalTo(2));
        await().atMost(WAIT).until(() -> alertsOfService(service).size() == 2
                && alertsOfService(service).stream().allMatch(a -> a.get("incidentId") != null));
        List<Map<String, Object>> alerts = alertsOfService(service);
        assertThat(alerts).extracting(a -> a.get("dedupKey"))
                .containsExactlyInAnyOrder("incident-lifecycle/" + service + "-a1", "incident-lifecycle/" + service + "-a2");
        assertThat(alerts).allSatisfy(alert -> assertThat(alert)
                .containsEntry("status", "TRIGGERED").containsEntry("severity", "CRITICAL")
                .containsEntry("occurrences", 1).containsEntry("client", "Alertmanager"));
        assertThat(alerts).extracting(a -> a.get("summary"))
                .containsExactlyInAnyOrder("5xx above 5% on web-1", "5xx above 5% on web-2");
        List<Map<String, Object>> incidents = incidentsOfService(service);
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0)).containsEntry("severity", "SEV2").containsEntry("alertCount", 2);

        // Alertmanager repeats a firing group every repeat_interval: only the occurrence counts change.
        send(DEV_KEY, notification("firing", service, "0001-01-01T00:00:00Z")).then().statusCode(202);
        await().atMost(WAIT).until(() -> alertsOfService(service).stream()
                .allMatch(a -> ((Number) a.get("occurrences")).intValue() == 2));
        assertThat(alertsOfService(service)).hasSize(2);
        assertThat(incidentsOfService(service)).hasSize(1);

        send(DEV_KEY, notification("resolved", service, "2026-03-02T10:20:00.000Z")).then().statusCode(202);
        await().atMost(WAIT).until(() -> alertsOfService(service).stream().allMatch(a -> "RESOLVED".equals(a.get("status"))));
        String incidentId = (String) incidents.get(0).get("id");
        await().atMost(WAIT).until(() -> timelineTypes(incidentId).contains("incident.alerts-all-resolved"));
    }

    @Test
    void without_the_bearer_token_it_is_401_problem_json() {
        String service = unique("refused");
        send(null, notification("firing", service, "0001-01-01T00:00:00Z")).then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", "Bearer").body("status", equalTo(401));
        send("not-the-token", notification("firing", service, "0001-01-01T00:00:00Z")).then().statusCode(401)
                .contentType(PROBLEM);
        given().contentType(ContentType.JSON).header("Authorization", "Basic " + DEV_KEY)
                .body(notification("firing", service, "0001-01-01T00:00:00Z")).post("/webhooks/alertmanager")
                .then().statusCode(401).contentType(PROBLEM);
        assertThat(alertsOfService(service)).isEmpty();
    }

    @Test
    void a_body_that_is_not_a_version_4_notification_is_400_with_every_error() {
        send(DEV_KEY, "{\"version\":\"3\",\"status\":\"firing\",\"receiver\":\"r\",\"alerts\":[{\"labels\":{}}]}")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.message", hasItem("'version' must be \"4\""),
                        "errors.field", hasItem("alerts[0].labels"));
        send(DEV_KEY, "[]").then().statusCode(400).contentType(PROBLEM);
    }
}
