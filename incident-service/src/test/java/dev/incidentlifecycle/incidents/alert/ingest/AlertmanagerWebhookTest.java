package dev.incidentlifecycle.incidents.alert.ingest;

import dev.incidentlifecycle.testing.KafkaTopic;
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

    /** A notification of {@code count} firing alerts of one service, each with the given extra label. */
    static String notificationOf(String service, int count, String extraLabel) {
        StringBuilder alerts = new StringBuilder();
        for (int i = 0; i < count; i++) {
            alerts.append(i == 0 ? "" : ",").append("{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\",\"service\":\"")
                    .append(service).append("\",\"n\":\"").append(i).append("\"").append(extraLabel)
                    .append("},\"startsAt\":\"2026-03-02T10:00:00Z\"}");
        }
        return "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"incident-lifecycle\",\"groupKey\":\"{}:{}\","
                + "\"externalURL\":\"http://alertmanager.example.com:9093\",\"alerts\":[" + alerts + "]}";
    }

    @Test
    void a_notification_over_its_bounds_is_413_naming_the_limit_and_nothing_is_queued() {
        String service = unique("storm");
        send(DEV_KEY, notificationOf(service, 1001, "")).then().statusCode(413).contentType(PROBLEM)
                .body("status", equalTo(413), "title", equalTo("Notification too large"),
                        "errors.field", equalTo(List.of("alerts")),
                        "errors.message", equalTo(List.of("'alerts' holds 1001 alerts; at most 1000 per notification")));
        send(DEV_KEY, notificationOf(service, 1, ",\"pod\":\"" + "p".repeat(5000) + "\"")).then().statusCode(413)
                .contentType(PROBLEM)
                .body("errors.message", equalTo(List.of("'alerts[0].labels.pod' exceeds 4096 bytes")));
        send(DEV_KEY, notificationOf(service + "-" + "s".repeat(3 * 1024), 1, "")).then().statusCode(413)
                .contentType(PROBLEM)
                .body("errors.message", equalTo(List.of("'alerts[0].labels.service' exceeds 255 characters")));
        assertThat(alertsOfService(service)).isEmpty();
    }

    @Test
    void control_characters_wrong_types_and_foreign_urls_are_400_naming_the_field() {
        String service = unique("hostile");
        send(DEV_KEY, notificationOf(service, 1, ",\"pod\":\"api-\\u0000\"")).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("alerts[0].labels.pod")),
                        "errors.message", equalTo(List.of("'alerts[0].labels.pod' contains a control character U+0000 at index 4")));
        send(DEV_KEY, notificationOf(service, 1, ",\"replicas\":3")).then().statusCode(400).contentType(PROBLEM)
                .body("errors.message", equalTo(List.of("'alerts[0].labels.replicas' must be a string")));
        send(DEV_KEY, notificationOf(service, 1, "").replace("http://alertmanager.example.com:9093", "javascript:alert(1)"))
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.message", equalTo(List.of("'externalURL' must be an http or https URL")));
        assertThat(alertsOfService(service)).isEmpty();
    }

    @Test
    void each_signal_carries_its_own_labels_and_not_the_notifications_shared_fields() {
        String service = unique("shared");
        try (KafkaTopic topic = KafkaTopic.readFromStart("alerts")) {
            send(DEV_KEY, notification("firing", service, "0001-01-01T00:00:00Z")).then().statusCode(202);
            String key = "incident-lifecycle/" + service + "-a1";
            await().atMost(WAIT).until(() -> !topic.poll().withKey(key).isEmpty());
            String value = KafkaTopic.value(topic.withKey(key).get(0));
            assertThat(value).contains("\"instance\":\"web-1:9100\"", "\"groupKey\"", "\"receiver\":\"incident-lifecycle\"")
                    .doesNotContain("commonLabels", "groupLabels", "commonAnnotations", "web-2:9100");
        }
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
