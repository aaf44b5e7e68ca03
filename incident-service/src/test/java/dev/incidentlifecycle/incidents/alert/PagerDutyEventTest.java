package dev.incidentlifecycle.incidents.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentlifecycle.incidents.alert.AlertSignal.Action;
import dev.incidentlifecycle.incidents.alert.PagerDutyEvent.RoutingKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PagerDutyEventTest {

    private static final String ROUTING_KEY = "0123456789abcdef0123456789abcdef";
    private static final Supplier<String> NO_NEW_KEY = () -> {
        throw new AssertionError("no dedup key should be generated");
    };

    /** PagerDuty's documented trigger example, as Jackson parses it. */
    private static Map<String, Object> documentedTrigger() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("summary", "Example alert on host1.example.com");
        payload.put("timestamp", "2015-07-17T08:42:58.315+0000");
        payload.put("source", "monitoringtool:cloudvendor:central-region-dc-01:852559987:cluster/api-stats-prod-003");
        payload.put("severity", "info");
        payload.put("component", "postgres");
        payload.put("group", "prod-datapipe");
        payload.put("class", "deploy");
        payload.put("custom_details", Map.of("ping time", "1500ms", "load avg", 0.75));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("payload", payload);
        body.put("routing_key", ROUTING_KEY);
        body.put("dedup_key", "samplekeyhere");
        body.put("images", List.of(Map.of("src", "https://www.pagerduty.com/logo.png", "href", "https://example.com/",
                "alt", "Example text")));
        body.put("links", List.of(Map.of("href", "https://example.com/", "text", "Link text")));
        body.put("event_action", "trigger");
        body.put("client", "Sample Monitoring Service");
        body.put("client_url", "https://monitoring.example.com");
        return body;
    }

    private static Map<String, Object> minimalTrigger() {
        Map<String, Object> body = new HashMap<>();
        body.put("routing_key", ROUTING_KEY);
        body.put("event_action", "trigger");
        body.put("dedup_key", "db/disk");
        body.put("payload", new HashMap<>(Map.of("summary", "Disk 95% full", "source", "db-1", "severity", "error")));
        return body;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payloadOf(Map<String, Object> body) {
        return (Map<String, Object>) body.get("payload");
    }

    private static AlertSignal accepted(Validated<AlertSignal> result) {
        assertThat(result).isInstanceOf(Validated.Valid.class);
        return ((Validated.Valid<AlertSignal>) result).value();
    }

    private static List<String> errorsOf(Validated<AlertSignal> result) {
        assertThat(result).isInstanceOf(Validated.Invalid.class);
        return ((Validated.Invalid<AlertSignal>) result).errors();
    }

    @Nested
    class Accepted {

        @Test
        void pagerdutys_documented_trigger_example() {
            AlertSignal signal = accepted(PagerDutyEvent.validate(documentedTrigger(), NO_NEW_KEY));
            assertThat(signal).isEqualTo(new AlertSignal(Action.TRIGGER, "samplekeyhere",
                    "Example alert on host1.example.com",
                    "monitoringtool:cloudvendor:central-region-dc-01:852559987:cluster/api-stats-prod-003",
                    AlertSeverity.INFO, Instant.parse("2015-07-17T08:42:58.315Z"), "postgres", "prod-datapipe",
                    "deploy", Map.of("ping time", "1500ms", "load avg", 0.75),
                    List.of(new AlertLink("https://example.com/", "Link text")), "Sample Monitoring Service",
                    "https://monitoring.example.com", "postgres"));
        }

        @Test
        void the_service_is_the_component_else_the_source() {
            AlertSignal signal = accepted(PagerDutyEvent.validate(minimalTrigger(), NO_NEW_KEY));
            assertThat(signal.service()).isEqualTo("db-1");
            assertThat(signal.component()).isNull();
            assertThat(signal.timestamp()).isNull();
            assertThat(signal.customDetails()).isEmpty();
            assertThat(signal.links()).isEmpty();
        }

        @Test
        void a_trigger_without_a_dedup_key_gets_a_generated_one() {
            Map<String, Object> body = minimalTrigger();
            body.remove("dedup_key");
            AtomicInteger calls = new AtomicInteger();
            AlertSignal signal = accepted(PagerDutyEvent.validate(body, () -> "generated-" + calls.incrementAndGet()));
            assertThat(signal.dedupKey()).isEqualTo("generated-1");

            body.put("dedup_key", "  ");
            assertThat(accepted(PagerDutyEvent.validate(body, () -> "generated-2")).dedupKey()).isEqualTo("generated-2");
        }

        @Test
        void acknowledge_and_resolve_need_only_a_routing_key_and_a_dedup_key() {
            AlertSignal acknowledge = accepted(PagerDutyEvent.validate(
                    Map.of("routing_key", ROUTING_KEY, "dedup_key", "db/disk", "event_action", "acknowledge"),
                    NO_NEW_KEY));
            assertThat(acknowledge).isEqualTo(new AlertSignal(Action.ACKNOWLEDGE, "db/disk", null, null, null, null,
                    null, null, null, null, null, null, null, null));
            AlertSignal resolve = accepted(PagerDutyEvent.validate(
                    Map.of("routing_key", ROUTING_KEY, "dedup_key", "db/disk", "event_action", "resolve"),
                    NO_NEW_KEY));
            assertThat(resolve.action()).isEqualTo(Action.RESOLVE);
        }

        @Test
        void the_payload_of_a_resolve_is_read_leniently() {
            Map<String, Object> body = new HashMap<>(Map.of("routing_key", ROUTING_KEY, "dedup_key", "db/disk",
                    "event_action", "resolve"));
            body.put("payload", Map.of("timestamp", "2026-03-02T10:05:00Z", "severity", "bogus", "summary", 42));
            AlertSignal signal = accepted(PagerDutyEvent.validate(body, NO_NEW_KEY));
            assertThat(signal.timestamp()).isEqualTo(Instant.parse("2026-03-02T10:05:00Z"));
            assertThat(signal.severity()).isNull();
            assertThat(signal.summary()).isNull();

            body.put("payload", "not an object");
            assertThat(accepted(PagerDutyEvent.validate(body, NO_NEW_KEY)).timestamp()).isNull();
        }

        @Test
        void the_limits_themselves_are_allowed() {
            Map<String, Object> body = minimalTrigger();
            body.put("dedup_key", "k".repeat(255));
            payloadOf(body).put("summary", "s".repeat(1024));
            AlertSignal signal = accepted(PagerDutyEvent.validate(body, NO_NEW_KEY));
            assertThat(signal.dedupKey()).hasSize(255);
            assertThat(signal.summary()).hasSize(1024);
        }

        @Test
        void iso_8601_timestamps_with_any_offset_form() {
            for (var example : Map.of(
                    "2026-03-02T10:00:00Z", "2026-03-02T10:00:00Z",
                    "2026-03-02T11:00:00+01:00", "2026-03-02T10:00:00Z",
                    "2026-03-02T11:00:00.250+0100", "2026-03-02T10:00:00.250Z",
                    "2026-03-02T12:00:00+02", "2026-03-02T10:00:00Z",
                    "2026-03-02T10:00:00", "2026-03-02T10:00:00Z").entrySet()) {
                Map<String, Object> body = minimalTrigger();
                payloadOf(body).put("timestamp", example.getKey());
                assertThat(accepted(PagerDutyEvent.validate(body, NO_NEW_KEY)).timestamp())
                        .as(example.getKey()).isEqualTo(Instant.parse(example.getValue()));
            }
        }

        @Test
        void records_written_straight_to_kafka_may_leave_out_the_routing_key() {
            Map<String, Object> body = minimalTrigger();
            body.remove("routing_key");
            assertThat(errorsOf(PagerDutyEvent.validate(body, NO_NEW_KEY)))
                    .containsExactly("'routing_key' is missing or blank");
            assertThat(accepted(PagerDutyEvent.validate(body, NO_NEW_KEY, RoutingKey.OPTIONAL)).dedupKey())
                    .isEqualTo("db/disk");
        }

        @Test
        void the_routing_key_is_handed_to_the_adapter_to_check() {
            assertThat(PagerDutyEvent.routingKeyOf(minimalTrigger())).isEqualTo(ROUTING_KEY);
            assertThat(PagerDutyEvent.routingKeyOf(Map.of("routing_key", 12))).isNull();
            assertThat(PagerDutyEvent.routingKeyOf(null)).isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedShapes")
    void rejected(String shape, Map<String, Object> body, List<String> errors) {
        assertThat(errorsOf(PagerDutyEvent.validate(body, () -> "generated"))).containsExactlyElementsOf(errors);
    }

    static Stream<Arguments> rejectedShapes() {
        return Stream.of(
                shape("empty object", new HashMap<>(), List.of(
                        "'routing_key' is missing or blank", "'event_action' is missing or blank")),
                shape("blank routing key", with(minimalTrigger(), "routing_key", " "), List.of(
                        "'routing_key' is missing or blank")),
                shape("routing key not a string", with(minimalTrigger(), "routing_key", 42), List.of(
                        "'routing_key' must be a string")),
                shape("unknown action", with(minimalTrigger(), "event_action", "page"), List.of(
                        "'event_action' is invalid")),
                shape("action in capitals", with(minimalTrigger(), "event_action", "TRIGGER"), List.of(
                        "'event_action' is invalid")),
                shape("action not a string", with(minimalTrigger(), "event_action", true), List.of(
                        "'event_action' is invalid")),
                shape("acknowledge without dedup key",
                        new HashMap<>(Map.of("routing_key", ROUTING_KEY, "event_action", "acknowledge")), List.of(
                                "'dedup_key' is missing or blank")),
                shape("resolve with blank dedup key",
                        new HashMap<>(Map.of("routing_key", ROUTING_KEY, "event_action", "resolve", "dedup_key", "")),
                        List.of("'dedup_key' is missing or blank")),
                shape("dedup key too long", with(minimalTrigger(), "dedup_key", "k".repeat(256)), List.of(
                        "'dedup_key' exceeds 255 characters")),
                shape("dedup key not a string", with(minimalTrigger(), "dedup_key", 12345), List.of(
                        "'dedup_key' must be a string")),
                shape("trigger without payload", without(minimalTrigger(), "payload"), List.of(
                        "'payload.summary' is missing or blank", "'payload.source' is missing or blank",
                        "'payload.severity' is missing or blank")),
                shape("payload not an object", with(minimalTrigger(), "payload", "Disk full"), List.of(
                        "'payload' must be an object")),
                shape("summary missing", withPayload("summary", null), List.of(
                        "'payload.summary' is missing or blank")),
                shape("summary too long", withPayload("summary", "s".repeat(1025)), List.of(
                        "'payload.summary' exceeds 1024 characters")),
                shape("summary not a string", withPayload("summary", List.of("a")), List.of(
                        "'payload.summary' must be a string")),
                shape("source blank", withPayload("source", "   "), List.of(
                        "'payload.source' is missing or blank")),
                shape("severity missing", withPayload("severity", null), List.of(
                        "'payload.severity' is missing or blank")),
                shape("severity unknown", withPayload("severity", "fatal"), List.of(
                        "'payload.severity' is invalid")),
                shape("severity in capitals", withPayload("severity", "CRITICAL"), List.of(
                        "'payload.severity' is invalid")),
                shape("timestamp not ISO-8601", withPayload("timestamp", "yesterday at noon"), List.of(
                        "'payload.timestamp' is invalid")),
                shape("timestamp as epoch number", withPayload("timestamp", 1_700_000_000), List.of(
                        "'payload.timestamp' is invalid")),
                shape("custom details not an object", withPayload("custom_details", "free text"), List.of(
                        "'payload.custom_details' must be an object")),
                shape("component not a string", withPayload("component", 7), List.of(
                        "'payload.component' must be a string")),
                shape("links not an array", with(minimalTrigger(), "links", Map.of("href", "https://x")), List.of(
                        "'links' must be an array")),
                shape("link without href", with(minimalTrigger(), "links",
                        List.of(Map.of("href", "https://x"), Map.of("text", "no href"), "text")), List.of(
                        "'links[1].href' is missing or blank", "'links[2]' must be an object")),
                shape("client not a string", with(minimalTrigger(), "client", 1), List.of(
                        "'client' must be a string")),
                shape("everything wrong at once", everythingWrong(), List.of(
                        "'routing_key' is missing or blank", "'dedup_key' exceeds 255 characters",
                        "'payload.summary' exceeds 1024 characters", "'payload.source' is missing or blank",
                        "'payload.severity' is invalid")));
    }

    @Test
    void a_null_body_is_an_empty_one() {
        assertThat(errorsOf(PagerDutyEvent.validate(null, NO_NEW_KEY)))
                .containsExactly("'routing_key' is missing or blank", "'event_action' is missing or blank");
    }

    @Test
    void the_answers_use_pagerdutys_wording() {
        assertThat(PagerDutyEvent.INVALID_STATUS).isEqualTo("invalid event");
        assertThat(PagerDutyEvent.INVALID_MESSAGE).isEqualTo("Event object is invalid");
        assertThat(PagerDutyEvent.SUCCESS_STATUS).isEqualTo("success");
        assertThat(PagerDutyEvent.SUCCESS_MESSAGE).isEqualTo("Event processed");
    }

    @Nested
    class WritingBodies {

        @Test
        void a_signal_survives_the_round_trip_through_its_body() {
            AlertSignal signal = accepted(PagerDutyEvent.validate(documentedTrigger(), NO_NEW_KEY));
            Map<String, Object> body = PagerDutyEvent.toBody(signal, ROUTING_KEY);
            assertThat(accepted(PagerDutyEvent.validate(body, NO_NEW_KEY))).isEqualTo(signal);
        }

        @Test
        void the_service_travels_as_the_component() {
            AlertSignal signal = new AlertSignal(Action.TRIGGER, "am/abc", "HighErrorRate", "10.0.0.1:9090",
                    AlertSeverity.CRITICAL, Instant.parse("2026-03-02T10:00:00Z"), "checkout", null, "HighErrorRate",
                    Map.of("labels", Map.of("job", "checkout")), List.of(), "Alertmanager", null, "checkout");
            Map<String, Object> body = PagerDutyEvent.toBody(signal, null);
            assertThat(body).doesNotContainKey("routing_key");
            assertThat(payloadOf(body)).containsEntry("component", "checkout").containsEntry("severity", "critical")
                    .containsEntry("timestamp", "2026-03-02T10:00:00Z");
            assertThat(accepted(PagerDutyEvent.validate(body, NO_NEW_KEY, RoutingKey.OPTIONAL))).isEqualTo(signal);
        }

        @Test
        void a_resolve_body_carries_its_time() {
            AlertSignal resolve = new AlertSignal(Action.RESOLVE, "am/abc", null, null, null,
                    Instant.parse("2026-03-02T10:30:00Z"), null, null, null, null, null, null, null, null);
            Map<String, Object> body = PagerDutyEvent.toBody(resolve, ROUTING_KEY);
            assertThat(body).containsEntry("event_action", "resolve").containsEntry("dedup_key", "am/abc");
            assertThat(accepted(PagerDutyEvent.validate(body, NO_NEW_KEY))).isEqualTo(resolve);
        }
    }

    private static Arguments shape(String shape, Map<String, Object> body, List<String> errors) {
        return Arguments.of(shape, body, errors);
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        body.put(key, value);
        return body;
    }

    private static Map<String, Object> without(Map<String, Object> body, String key) {
        body.remove(key);
        return body;
    }

    private static Map<String, Object> withPayload(String key, Object value) {
        Map<String, Object> body = minimalTrigger();
        payloadOf(body).put(key, value);
        return body;
    }

    private static Map<String, Object> everythingWrong() {
        Map<String, Object> body = minimalTrigger();
        body.remove("routing_key");
        body.put("dedup_key", "k".repeat(300));
        payloadOf(body).put("summary", "s".repeat(2000));
        payloadOf(body).remove("source");
        payloadOf(body).put("severity", "sev1");
        return body;
    }
}
