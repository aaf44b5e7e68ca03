package dev.incidentlifecycle.incidents.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bounds of {@link AlertLimits}, as {@link PagerDutyEvent#validate} (used by {@code /v2/enqueue} and by the
 * {@code alerts} consumer, which dead-letters with these very messages) and {@link AlertmanagerNotification}
 * apply them.
 */
class AlertLimitsTest {

    private static Map<String, Object> trigger() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("summary", "Disk 95% full");
        payload.put("source", "db-1");
        payload.put("severity", "error");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event_action", "trigger");
        body.put("dedup_key", "db/disk");
        body.put("payload", payload);
        return body;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(Map<String, Object> body) {
        return (Map<String, Object>) body.get("payload");
    }

    private static Map<String, Object> withPayload(String key, Object value) {
        Map<String, Object> body = trigger();
        payload(body).put(key, value);
        return body;
    }

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> body = trigger();
        body.put(key, value);
        return body;
    }

    private static Validated<AlertSignal> validate(Map<String, Object> body) {
        return PagerDutyEvent.validate(body, () -> "generated", PagerDutyEvent.RoutingKey.OPTIONAL);
    }

    private static AlertSignal accepted(Map<String, Object> body) {
        Validated<AlertSignal> result = validate(body);
        assertThat(result).isInstanceOf(Validated.Valid.class);
        return ((Validated.Valid<AlertSignal>) result).value();
    }

    private static List<String> errorsOf(Map<String, Object> body) {
        Validated<AlertSignal> result = validate(body);
        assertThat(result).isInstanceOf(Validated.Invalid.class);
        return ((Validated.Invalid<AlertSignal>) result).errors();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedEvents")
    void validate_refuses_with_a_message_naming_the_field(String what, Map<String, Object> body, String error) {
        assertThat(errorsOf(body)).containsExactly(error);
    }

    static Stream<Arguments> refusedEvents() {
        return Stream.of(
                refused("U+0000 in the summary", withPayload("summary", "Disk 9\u0000% full"),
                        "'payload.summary' contains a control character U+0000 at index 6"),
                refused("escape in the summary", withPayload("summary", "\u001b[31mred"),
                        "'payload.summary' contains a control character U+001B at index 0"),
                refused("unpaired surrogate in the summary", withPayload("summary", "bad \ud800 half"),
                        "'payload.summary' contains an unpaired surrogate U+D800 at index 4"),
                refused("lone low surrogate in the source", withPayload("source", "db\udc00"),
                        "'payload.source' contains an unpaired surrogate U+DC00 at index 2"),
                refused("newline in the source", withPayload("source", "db-1\nevil"),
                        "'payload.source' contains a control character U+000A at index 4"),
                refused("U+0000 in the dedup key", with("dedup_key", "db\u0000disk"),
                        "'dedup_key' contains a control character U+0000 at index 2"),
                refused("source too long", withPayload("source", "s".repeat(256)),
                        "'payload.source' exceeds 255 characters"),
                refused("3 KB component", withPayload("component", "c".repeat(3000)),
                        "'payload.component' exceeds 255 characters"),
                refused("tab in the component", withPayload("component", "check\tout"),
                        "'payload.component' contains a control character U+0009 at index 5"),
                refused("group too long", withPayload("group", "g".repeat(256)),
                        "'payload.group' exceeds 255 characters"),
                refused("U+0000 in the group", withPayload("group", "\u0000"),
                        "'payload.group' contains a control character U+0000 at index 0"),
                refused("class too long", withPayload("class", "c".repeat(256)),
                        "'payload.class' exceeds 255 characters"),
                refused("client too long", with("client", "c".repeat(256)),
                        "'client' exceeds 255 characters"),
                refused("U+0000 in the client", with("client", "Nagios\u0000"),
                        "'client' contains a control character U+0000 at index 6"),
                refused("client_url too long", with("client_url", "https://x.example/" + "p".repeat(2048)),
                        "'client_url' exceeds 2048 characters"),
                refused("javascript client_url", with("client_url", "javascript:alert(1)"),
                        "'client_url' must be an http or https URL"),
                refused("relative client_url", with("client_url", "/dashboards/1"),
                        "'client_url' must be an http or https URL"),
                refused("client_url with a blank before the scheme", with("client_url", " https://x.example"),
                        "'client_url' must be an http or https URL"),
                refused("data: link", with("links", List.of(Map.of("href", "data:text/html,<script>1</script>"))),
                        "'links[0].href' must be an http or https URL"),
                refused("javascript link in capitals", with("links", List.of(Map.of("href", "JavaScript:alert(1)"))),
                        "'links[0].href' must be an http or https URL"),
                refused("link without a host", with("links", List.of(Map.of("href", "https://"))),
                        "'links[0].href' must be an http or https URL"),
                refused("link href too long", with("links", List.of(Map.of("href", "https://x/" + "p".repeat(2048)))),
                        "'links[0].href' exceeds 2048 characters"),
                refused("link text too long", with("links", List.of(Map.of("href", "https://x", "text", "t".repeat(256)))),
                        "'links[0].text' exceeds 255 characters"),
                refused("U+0000 in a link text", with("links", List.of(Map.of("href", "https://x", "text", "a\u0000"))),
                        "'links[0].text' contains a control character U+0000 at index 1"),
                refused("too many links", with("links", manyLinks(21)),
                        "'links' holds more than 20 links"),
                refused("U+0000 in a custom details value", withPayload("custom_details", Map.of("note", "ab\u0000")),
                        "'payload.custom_details.note' contains a control character U+0000 at index 2"),
                refused("U+0000 deep in custom details", withPayload("custom_details",
                                Map.of("a", List.of("ok", Map.of("b", "\u0000")))),
                        "'payload.custom_details.a[1].b' contains a control character U+0000 at index 0"),
                refused("U+0000 in a custom details key", withPayload("custom_details", Map.of("a\u0000b", 1)),
                        "'payload.custom_details' has a key (\"a\\u0000b\") that contains a control character U+0000 at index 1"),
                refused("custom details key too long", withPayload("custom_details", Map.of("k".repeat(256), 1)),
                        "'payload.custom_details' has a key longer than 255 characters"),
                refused("custom details too large", withPayload("custom_details", Map.of("blob", "x".repeat(32 * 1024))),
                        "'payload.custom_details' exceeds 32768 bytes as JSON"),
                refused("custom details too deep", withPayload("custom_details", nested(8)),
                        "'payload.custom_details.n.n.n.n.n.n.n.n' nests deeper than 8 levels"),
                refused("custom details with too many entries", withPayload("custom_details", manyEntries(1001)),
                        "'payload.custom_details' holds more than 1000 entries"),
                refused("severity outside the enum", withPayload("severity", "disaster"),
                        "'payload.severity' is invalid"),
                refused("action outside the enum", with("event_action", "escalate"),
                        "'event_action' is invalid"));
    }

    @Test
    void the_limits_themselves_are_accepted() {
        Map<String, Object> body = trigger();
        payload(body).put("summary", "line one\n\tline two\r\n" + "s".repeat(1004));
        payload(body).put("source", "s".repeat(255));
        payload(body).put("component", "c".repeat(255));
        payload(body).put("group", "g".repeat(255));
        payload(body).put("class", "c".repeat(255));
        // Other control characters are the sender's data inside custom details; only U+0000 is refused there.
        Map<String, Object> details = new LinkedHashMap<>(manyEntries(990));
        details.put("log", "\u001b[31mred\u0001 \ud83d\udd25");
        details.put("deep", nested(6));
        payload(body).put("custom_details", details);
        body.put("client", "c".repeat(255));
        body.put("client_url", "HTTPS://monitoring.example.com/" + "p".repeat(2048 - 31));
        body.put("links", manyLinks(20));
        AlertSignal signal = accepted(body);
        assertThat(signal.summary()).hasSize(1024);
        assertThat(signal.component()).hasSize(255);
        assertThat(signal.links()).hasSize(20);
        assertThat(signal.customDetails()).containsKey("log");

        payload(body).put("custom_details", Map.of("blob", "x".repeat(32 * 1024 - 12)));
        assertThat(accepted(body).customDetails()).containsKey("blob");
    }

    @Test
    void every_problem_is_listed_up_to_a_bound() {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            details.put("k" + i, "\u0000");
        }
        List<String> errors = errorsOf(withPayload("custom_details", details));
        assertThat(errors).hasSize(21).startsWith("'payload.custom_details.k0' contains a control character U+0000 at index 0");
        assertThat(errors.get(20)).isEqualTo("and 30 more errors");
    }

    @Nested
    class AcknowledgeAndResolve {

        @Test
        void drop_payload_fields_out_of_bounds_instead_of_storing_them() {
            Map<String, Object> body = new HashMap<>(Map.of("event_action", "resolve", "dedup_key", "db/disk"));
            body.put("payload", new HashMap<>(Map.of("summary", "a\u0000b", "component", "c".repeat(3000),
                    "custom_details", Map.of("x", "\u0000"), "source", "db-1")));
            AlertSignal signal = accepted(body);
            assertThat(signal.summary()).isNull();
            assertThat(signal.component()).isNull();
            assertThat(signal.customDetails()).isEmpty();
            assertThat(signal.source()).isEqualTo("db-1");
        }

        @Test
        void still_refuse_bad_links_and_keys() {
            Map<String, Object> body = new HashMap<>(Map.of("event_action", "acknowledge", "dedup_key", "a\u0000",
                    "client_url", "javascript:x"));
            assertThat(errorsOf(body)).containsExactly("'dedup_key' contains a control character U+0000 at index 1",
                    "'client_url' must be an http or https URL");
        }
    }

    @Nested
    class Alertmanager {

        private static Map<String, Object> alert(String fingerprint) {
            Map<String, Object> alert = new LinkedHashMap<>();
            alert.put("status", "firing");
            alert.put("labels", new LinkedHashMap<>(Map.of("alertname", "HighErrorRate", "service", "checkout",
                    "instance", "web-1:9100", "severity", "critical")));
            alert.put("annotations", new LinkedHashMap<>(Map.of("summary", "5xx above 5%")));
            alert.put("startsAt", "2026-03-02T10:00:00Z");
            alert.put("generatorURL", "http://prometheus:9090/graph");
            alert.put("fingerprint", fingerprint);
            return alert;
        }

        private static Map<String, Object> notification(List<Object> alerts) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("version", "4");
            body.put("groupKey", "{}:{alertname=\"HighErrorRate\"}");
            body.put("status", "firing");
            body.put("receiver", "incidents");
            body.put("groupLabels", Map.of("alertname", "HighErrorRate"));
            body.put("commonLabels", Map.of("alertname", "HighErrorRate", "severity", "critical"));
            body.put("commonAnnotations", Map.of("runbook", "https://runbooks.example.com/high-error-rate"));
            body.put("externalURL", "http://alertmanager:9093");
            body.put("alerts", alerts);
            return body;
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> labels(Map<String, Object> alert) {
            return (Map<String, Object>) alert.get("labels");
        }

        private static Validated.Invalid<List<AlertSignal>> refused(Map<String, Object> body) {
            Validated<List<AlertSignal>> result = AlertmanagerNotification.toSignals(body);
            assertThat(result).isInstanceOf(Validated.Invalid.class);
            return (Validated.Invalid<List<AlertSignal>>) result;
        }

        @Test
        void the_shared_fields_are_not_copied_into_each_signal() {
            Validated<List<AlertSignal>> result = AlertmanagerNotification.toSignals(
                    notification(List.of(alert("f1"), alert("f2"))));
            List<AlertSignal> signals = ((Validated.Valid<List<AlertSignal>>) result).value();
            assertThat(signals).hasSize(2).allSatisfy(signal -> {
                assertThat(signal.customDetails()).containsOnlyKeys("labels", "annotations", "fingerprint", "receiver",
                        "groupKey");
                assertThat(signal.customDetails().toString()).doesNotContain("runbooks.example.com");
                assertThat(signal.links()).extracting(AlertLink::href).containsExactly("http://prometheus:9090/graph");
            });
        }

        @Test
        void more_alerts_than_the_bound_is_too_large() {
            List<Object> alerts = new ArrayList<>();
            for (int i = 0; i < 1001; i++) {
                alerts.add(alert("f" + i));
            }
            Validated.Invalid<List<AlertSignal>> refused = refused(notification(alerts));
            assertThat(refused.tooLarge()).isTrue();
            assertThat(refused.errors()).containsExactly("'alerts' holds 1001 alerts; at most 1000 per notification");

            alerts.remove(0);
            assertThat(AlertmanagerNotification.toSignals(notification(alerts))).isInstanceOf(Validated.Valid.class);
        }

        @Test
        void a_label_or_annotation_over_its_bytes_is_too_large() {
            Map<String, Object> alert = alert("f1");
            labels(alert).put("pod", "é".repeat(2049));
            @SuppressWarnings("unchecked")
            Map<String, Object> annotations = (Map<String, Object>) alert.get("annotations");
            annotations.put("description", "d".repeat(4097));
            Validated.Invalid<List<AlertSignal>> refused = refused(notification(List.of(alert)));
            assertThat(refused.tooLarge()).isTrue();
            assertThat(refused.errors()).containsExactly("'alerts[0].labels.pod' exceeds 4096 bytes",
                    "'alerts[0].annotations.description' exceeds 4096 bytes");
        }

        @Test
        void labels_that_become_signal_fields_keep_the_fields_bounds() {
            Map<String, Object> alert = alert("f1");
            labels(alert).put("service", "s".repeat(3000));
            labels(alert).put("instance", "web\n1");
            Validated.Invalid<List<AlertSignal>> refused = refused(notification(List.of(alert)));
            assertThat(refused.tooLarge()).isTrue();
            assertThat(refused.errors()).containsExactly("'alerts[0].labels.service' exceeds 255 characters",
                    "'alerts[0].labels.instance' contains a control character U+000A at index 3");
        }

        @Test
        void control_characters_and_bad_urls_are_invalid_not_too_large() {
            Map<String, Object> alert = alert("f1");
            labels(alert).put("pod", "api-\u0000");
            alert.put("generatorURL", "javascript:alert(1)");
            Map<String, Object> body = notification(List.of(alert));
            body.put("externalURL", "file:///etc/passwd");
            Validated.Invalid<List<AlertSignal>> refused = refused(body);
            assertThat(refused.tooLarge()).isFalse();
            assertThat(refused.errors()).containsExactly("'externalURL' must be an http or https URL",
                    "'alerts[0].generatorURL' must be an http or https URL",
                    "'alerts[0].labels.pod' contains a control character U+0000 at index 4");

            alert.put("generatorURL", "https://prometheus/graph");
            body.put("externalURL", "https://alertmanager");
            assertThat(refused(body).errors()).containsExactly(
                    "'alerts[0].labels.pod' contains a control character U+0000 at index 4");
        }

        @Test
        void a_summary_with_a_control_character_is_refused_and_a_long_one_is_cut_whole() {
            Map<String, Object> alert = alert("f1");
            alert.put("annotations", Map.of("summary", "bad\u0007bell"));
            assertThat(refused(notification(List.of(alert))).errors()).containsExactly(
                    "'alerts[0].annotations.summary' contains a control character U+0007 at index 3 (it is the alert's summary)");

            // A surrogate pair straddling the cut is not split.
            alert.put("annotations", Map.of("summary", "s".repeat(1022) + "\ud83d\udd25" + "tail"));
            Validated<List<AlertSignal>> result = AlertmanagerNotification.toSignals(notification(List.of(alert)));
            String summary = ((Validated.Valid<List<AlertSignal>>) result).value().get(0).summary();
            assertThat(summary).isEqualTo("s".repeat(1022) + "…");
        }

        @Test
        void a_group_key_over_its_bound_is_too_large() {
            Map<String, Object> body = notification(List.of(alert("f1")));
            body.put("groupKey", "g".repeat(1025));
            Validated.Invalid<List<AlertSignal>> refused = refused(body);
            assertThat(refused.tooLarge()).isTrue();
            assertThat(refused.errors()).containsExactly("'groupKey' exceeds 1024 characters");
        }
    }

    private static Arguments refused(String what, Map<String, Object> body, String error) {
        return Arguments.of(what, body, error);
    }

    private static List<Object> manyLinks(int count) {
        List<Object> links = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            links.add(Map.of("href", "https://example.com/" + i, "text", "link " + i));
        }
        return links;
    }

    /** {@code levels} objects inside custom details ({"n":{"n":...}}), so custom details has levels + 1. */
    private static Map<String, Object> nested(int levels) {
        Map<String, Object> inner = Map.of("leaf", 1);
        for (int i = 1; i < levels; i++) {
            inner = Map.of("n", inner);
        }
        return Map.of("n", inner);
    }

    private static Map<String, Object> manyEntries(int count) {
        Map<String, Object> entries = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            entries.put("e" + i, i);
        }
        return entries;
    }
}
