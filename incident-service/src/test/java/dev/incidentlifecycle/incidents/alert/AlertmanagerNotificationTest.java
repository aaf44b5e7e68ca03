package dev.incidentlifecycle.incidents.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentlifecycle.incidents.alert.AlertSignal.Action;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertmanagerNotificationTest {

    private static final String EXTERNAL_URL = "http://alertmanager.example.com:9093";

    private static Map<String, Object> firingAlert() {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("status", "firing");
        alert.put("labels", new LinkedHashMap<>(Map.of("alertname", "HighErrorRate", "job", "checkout",
                "instance", "10.0.0.7:8080", "severity", "critical", "namespace", "shop")));
        alert.put("annotations", new LinkedHashMap<>(Map.of("summary", "5xx above 5% on checkout",
                "description", "The error ratio has been above 5% for 5 minutes")));
        alert.put("startsAt", "2026-03-02T09:58:30.123Z");
        alert.put("endsAt", "0001-01-01T00:00:00Z");
        alert.put("generatorURL", "http://prometheus:9090/graph?g0.expr=errors");
        alert.put("fingerprint", "a1b2c3d4e5f60718");
        return alert;
    }

    private static Map<String, Object> resolvedAlert() {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("status", "resolved");
        alert.put("labels", new LinkedHashMap<>(Map.of("alertname", "DiskFilling", "service", "search",
                "job", "node", "severity", "warning")));
        alert.put("annotations", Map.of());
        alert.put("startsAt", "2026-03-02T08:00:00Z");
        alert.put("endsAt", "2026-03-02T09:59:00Z");
        alert.put("generatorURL", "");
        alert.put("fingerprint", "0f0e0d0c0b0a0908");
        return alert;
    }

    private static Map<String, Object> notification(Object... alerts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", "4");
        body.put("groupKey", "{}:{alertname=\"HighErrorRate\"}");
        body.put("truncatedAlerts", 0);
        body.put("status", "firing");
        body.put("receiver", "incidents");
        body.put("groupLabels", Map.of("alertname", "HighErrorRate"));
        body.put("commonLabels", Map.of());
        body.put("commonAnnotations", Map.of());
        body.put("externalURL", EXTERNAL_URL);
        body.put("alerts", List.of(alerts));
        return body;
    }

    private static List<AlertSignal> accepted(Map<String, Object> body) {
        Validated<List<AlertSignal>> result = AlertmanagerNotification.toSignals(body);
        assertThat(result).isInstanceOf(Validated.Valid.class);
        return ((Validated.Valid<List<AlertSignal>>) result).value();
    }

    private static List<String> errorsOf(Map<String, Object> body) {
        Validated<List<AlertSignal>> result = AlertmanagerNotification.toSignals(body);
        assertThat(result).isInstanceOf(Validated.Invalid.class);
        return ((Validated.Invalid<List<AlertSignal>>) result).errors();
    }

    @Nested
    class Mapping {

        @Test
        void a_firing_alert_is_a_trigger() {
            AlertSignal signal = accepted(notification(firingAlert())).get(0);
            assertThat(signal.action()).isEqualTo(Action.TRIGGER);
            assertThat(signal.dedupKey()).isEqualTo("incidents/a1b2c3d4e5f60718");
            assertThat(signal.summary()).isEqualTo("5xx above 5% on checkout");
            assertThat(signal.severity()).isEqualTo(AlertSeverity.CRITICAL);
            assertThat(signal.service()).isEqualTo("checkout");
            assertThat(signal.component()).isEqualTo("checkout");
            assertThat(signal.source()).isEqualTo("10.0.0.7:8080");
            assertThat(signal.alertClass()).isEqualTo("HighErrorRate");
            assertThat(signal.group()).isEqualTo("shop");
            assertThat(signal.timestamp()).isEqualTo(Instant.parse("2026-03-02T09:58:30.123Z"));
            assertThat(signal.links()).containsExactly(
                    new AlertLink("http://prometheus:9090/graph?g0.expr=errors", "Source"));
            assertThat(signal.client()).isEqualTo("Alertmanager");
            assertThat(signal.clientUrl()).isEqualTo(EXTERNAL_URL);
            assertThat(signal.customDetails())
                    .containsEntry("fingerprint", "a1b2c3d4e5f60718")
                    .containsEntry("receiver", "incidents")
                    .containsEntry("groupKey", "{}:{alertname=\"HighErrorRate\"}")
                    .containsKeys("labels", "annotations");
        }

        @Test
        void a_resolved_alert_is_a_resolve_dated_when_it_ended() {
            AlertSignal signal = accepted(notification(firingAlert(), resolvedAlert())).get(1);
            assertThat(signal.action()).isEqualTo(Action.RESOLVE);
            assertThat(signal.dedupKey()).isEqualTo("incidents/0f0e0d0c0b0a0908");
            assertThat(signal.timestamp()).isEqualTo(Instant.parse("2026-03-02T09:59:00Z"));
            assertThat(signal.service()).isEqualTo("search");
            assertThat(signal.summary()).isEqualTo("DiskFilling");
            assertThat(signal.severity()).isEqualTo(AlertSeverity.WARNING);
            assertThat(signal.links()).isEmpty();
            assertThat(signal.clientUrl()).isEqualTo(EXTERNAL_URL);
        }

        @Test
        void alerts_keep_their_order_and_an_empty_notification_has_none() {
            assertThat(accepted(notification(resolvedAlert(), firingAlert())))
                    .extracting(AlertSignal::action).containsExactly(Action.RESOLVE, Action.TRIGGER);
            assertThat(accepted(notification())).isEmpty();
        }

        @Test
        void a_repeated_notification_gives_the_same_signals() {
            assertThat(accepted(notification(firingAlert()))).isEqualTo(accepted(notification(firingAlert())));
        }

        @Test
        void without_a_service_label_the_job_is_the_service_and_without_either_there_is_none() {
            Map<String, Object> alert = firingAlert();
            labels(alert).remove("job");
            AlertSignal signal = accepted(notification(alert)).get(0);
            assertThat(signal.service()).isNull();
            assertThat(signal.source()).isEqualTo("10.0.0.7:8080");

            labels(alert).remove("instance");
            assertThat(accepted(notification(alert)).get(0).source()).isEqualTo("alertmanager");
        }

        @Test
        void the_summary_falls_back_to_the_alert_name_then_the_labels() {
            Map<String, Object> alert = firingAlert();
            alert.remove("annotations");
            assertThat(accepted(notification(alert)).get(0).summary()).isEqualTo("HighErrorRate");

            alert.put("labels", new HashMap<>(Map.of("job", "checkout", "severity", "critical")));
            assertThat(accepted(notification(alert)).get(0).summary()).isEqualTo("{job=checkout, severity=critical}");
        }

        @Test
        void a_long_summary_is_cut_to_what_pagerduty_accepts() {
            Map<String, Object> alert = firingAlert();
            alert.put("annotations", Map.of("summary", "x".repeat(4000)));
            String summary = accepted(notification(alert)).get(0).summary();
            assertThat(summary).hasSize(1024).endsWith("…");
        }

        @Test
        void an_alert_without_its_own_status_takes_the_notifications() {
            Map<String, Object> alert = firingAlert();
            alert.remove("status");
            Map<String, Object> body = notification(alert);
            body.put("status", "resolved");
            assertThat(accepted(body).get(0).action()).isEqualTo(Action.RESOLVE);
        }

        @Test
        void a_firing_alert_without_a_start_has_no_timestamp() {
            Map<String, Object> alert = firingAlert();
            alert.put("startsAt", "0001-01-01T00:00:00Z");
            assertThat(accepted(notification(alert)).get(0).timestamp()).isNull();
        }

        @Test
        void the_signal_travels_through_the_alerts_topic_unchanged() {
            AlertSignal signal = accepted(notification(firingAlert())).get(0);
            Map<String, Object> body = PagerDutyEvent.toBody(signal, null);
            Validated<AlertSignal> back = PagerDutyEvent.validate(body, () -> "unused", PagerDutyEvent.RoutingKey.OPTIONAL);
            assertThat(back).isEqualTo(new Validated.Valid<>(signal));
        }
    }

    @Nested
    class MissingFingerprint {

        @Test
        void is_computed_as_alertmanager_does() {
            // prometheus/common model's own test vectors (TestMetricToFingerprint).
            assertThat(AlertmanagerNotification.fingerprintOf(Map.of()))
                    .isEqualTo(hex("14695981039346656037"));
            assertThat(AlertmanagerNotification.fingerprintOf(
                    Map.of("name", "garland, briggs", "fear", "love is not enough")))
                    .isEqualTo(hex("5799056148416392346"));
        }

        @Test
        void gives_a_stable_key_whatever_the_label_order() {
            Map<String, Object> alert = firingAlert();
            alert.remove("fingerprint");
            Map<String, String> labels = new TreeMap<>(Map.of("alertname", "HighErrorRate", "job", "checkout",
                    "instance", "10.0.0.7:8080", "severity", "critical", "namespace", "shop"));
            String expected = "incidents/" + AlertmanagerNotification.fingerprintOf(labels);

            assertThat(accepted(notification(alert)).get(0).dedupKey()).isEqualTo(expected);
            alert.put("labels", new TreeMap<>(labels).descendingMap());
            assertThat(accepted(notification(alert)).get(0).dedupKey()).isEqualTo(expected);
            alert.put("fingerprint", "  ");
            assertThat(accepted(notification(alert)).get(0).dedupKey()).isEqualTo(expected);
        }

        private static String hex(String unsignedDecimal) {
            return String.format("%016x", Long.parseUnsignedLong(unsignedDecimal));
        }
    }

    @ParameterizedTest(name = "severity=\"{0}\" → {1}")
    @CsvSource({
            "critical,CRITICAL", "CRITICAL,CRITICAL", "page,CRITICAL", "P1,CRITICAL", "high,CRITICAL",
            "fatal,CRITICAL", "emergency,CRITICAL",
            "error,ERROR", "major,ERROR", "p2,ERROR", "medium,ERROR",
            "warning,WARNING", "warn,WARNING", "minor,WARNING", "low,WARNING", "p3,WARNING", "p4,WARNING",
            "info,INFO", "none,INFO", "ok,INFO", "debug,INFO", "notice,INFO", "' Info ',INFO",
            "bananas,WARNING", "'',WARNING"})
    void severity_labels_are_mapped(String label, AlertSeverity severity) {
        assertThat(AlertmanagerNotification.severityOf(label)).isEqualTo(severity);
        Map<String, Object> alert = firingAlert();
        labels(alert).put("severity", label);
        assertThat(accepted(notification(alert)).get(0).severity()).isEqualTo(severity);
    }

    @Test
    void a_missing_severity_label_is_a_warning() {
        Map<String, Object> alert = firingAlert();
        labels(alert).remove("severity");
        assertThat(accepted(notification(alert)).get(0).severity()).isEqualTo(AlertSeverity.WARNING);
        assertThat(AlertmanagerNotification.severityOf(null)).isEqualTo(AlertSeverity.WARNING);
    }

    @Nested
    class Rejected {

        @Test
        void anything_but_a_version_4_notification() {
            assertThat(errorsOf(Map.of("text", "hello"))).containsExactly(
                    "'version' is missing or blank", "'status' is missing or blank", "'receiver' is missing or blank",
                    "'alerts' is missing");
            assertThat(errorsOf(null)).contains("'version' is missing or blank");
            Map<String, Object> grafana = notification(firingAlert());
            grafana.put("version", "1");
            assertThat(errorsOf(grafana)).containsExactly("'version' must be \"4\"");
            Map<String, Object> number = notification(firingAlert());
            number.put("version", 4);
            assertThat(errorsOf(number)).containsExactly("'version' must be \"4\"");
        }

        @Test
        void wrong_shapes_at_the_top() {
            Map<String, Object> body = notification(firingAlert());
            body.put("status", "pending");
            body.put("receiver", 12);
            body.put("alerts", Map.of("status", "firing"));
            assertThat(errorsOf(body)).containsExactly(
                    "'status' is invalid", "'receiver' must be a string", "'alerts' must be an array");
        }

        @Test
        void wrong_shapes_in_an_alert() {
            Map<String, Object> noLabels = firingAlert();
            noLabels.remove("labels");
            Map<String, Object> badStatus = firingAlert();
            badStatus.put("status", "silenced");
            Map<String, Object> badTimes = firingAlert();
            badTimes.put("startsAt", "yesterday");
            badTimes.put("endsAt", 17);
            Map<String, Object> badLabel = firingAlert();
            labels(badLabel).put("replica", 2);
            Map<String, Object> emptyLabels = firingAlert();
            emptyLabels.put("labels", Map.of());

            assertThat(errorsOf(notification(noLabels, badStatus, badTimes, badLabel, "text", emptyLabels)))
                    .containsExactly(
                            "'alerts[0].labels' is missing or empty",
                            "'alerts[1].status' is invalid",
                            "'alerts[2].startsAt' is invalid",
                            "'alerts[2].endsAt' is invalid",
                            "'alerts[3].labels.replica' must be a string",
                            "'alerts[4]' must be an object",
                            "'alerts[5].labels' is missing or empty");
        }

        @Test
        void a_receiver_so_long_the_dedup_key_would_not_fit() {
            Map<String, Object> body = notification(firingAlert());
            body.put("receiver", "r".repeat(250));
            assertThat(errorsOf(body)).containsExactly(
                    "'alerts[0]' gives a dedup key (receiver/fingerprint) longer than 255 characters");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> labels(Map<String, Object> alert) {
        return (Map<String, Object>) alert.get("labels");
    }
}
