package dev.incidentlifecycle.eventstore.consuming;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a record becomes a message, or poison: plain code, no broker. */
class IncomingMessageTest {

    static ConsumerRecord<String, byte[]> record(String value, Map<String, String> headers) {
        RecordHeaders h = new RecordHeaders();
        headers.forEach((k, v) -> h.add(k, v.getBytes(StandardCharsets.UTF_8)));
        return new ConsumerRecord<>("alerts", 2, 17, 0L, TimestampType.CREATE_TIME, 0, 0, "key-1",
                value == null ? null : value.getBytes(StandardCharsets.UTF_8), h, Optional.empty());
    }

    @Test
    void a_binary_mode_cloudevent_takes_its_attributes_from_headers() {
        IncomingMessage message = IncomingMessage.from(record("{\"a\":1}", Map.of("ce_specversion", "1.0", "ce_id", "e-1",
                "ce_type", "incident.declared", "ce_source", "/incident-service", "ce_subject", "inc-9",
                "ce_time", "2026-11-29T10:00:00Z", "ce_actor", "alex", "ce_dataversion", "2")));

        assertThat(message.id()).isEqualTo("e-1");
        assertThat(message.type()).isEqualTo("incident.declared");
        assertThat(message.subject()).isEqualTo("inc-9");
        assertThat(message.time()).isEqualTo(Instant.parse("2026-11-29T10:00:00Z"));
        assertThat(message.actor()).isEqualTo("alex");
        assertThat(message.dataVersion()).isEqualTo(2);
        assertThat(message.object().get("a").asInt()).isEqualTo(1);
    }

    @Test
    void a_data_version_the_consumer_was_not_written_for_is_poison_that_names_it() {
        for (String version : new String[]{"1", "2"}) {
            IncomingMessage message = IncomingMessage.from(record("{}", Map.of("ce_specversion", "1.0", "ce_id", "e-" + version,
                    "ce_type", "action-item.created", "ce_source", "/actions-service", "ce_dataversion", version)));
            assertThat(message.requireDataVersionUpTo(2)).isSameAs(message);
        }
        IncomingMessage third = IncomingMessage.from(record("{}", Map.of("ce_specversion", "1.0", "ce_id", "e-3",
                "ce_type", "action-item.created", "ce_source", "/actions-service", "ce_dataversion", "3")));

        assertThatThrownBy(() -> third.requireDataVersionUpTo(2)).isInstanceOf(PoisonMessage.class)
                .hasMessage("version 3 of action-item.created is unknown here (known: 1 to 2)");
        assertThatThrownBy(() -> third.requireDataVersionUpTo(1)).hasMessage("version 3 of action-item.created is unknown here (known: 1)");
    }

    @Test
    void a_structured_mode_cloudevent_carries_its_data_inside() {
        IncomingMessage message = IncomingMessage.from(record("{\"specversion\":\"1.0\",\"id\":\"e-2\",\"type\":\"alert.signal\","
                + "\"source\":\"/somewhere\",\"data\":{\"event_action\":\"trigger\"}}", Map.of("content-type", "application/cloudevents+json")));

        assertThat(message.id()).isEqualTo("e-2");
        assertThat(message.subject()).isEqualTo("key-1");
        assertThat(message.object().get("event_action").asText()).isEqualTo("trigger");
    }

    @Test
    void plain_json_is_identified_by_its_place_in_the_topic() {
        IncomingMessage message = IncomingMessage.from(record("{\"event_action\":\"trigger\"}", Map.of()));

        assertThat(message.id()).isEqualTo("alerts/2/17");
        assertThat(message.type()).isNull();
        assertThat(message.subject()).isEqualTo("key-1");
    }

    @Test
    void what_can_never_be_handled_is_poison_with_a_reason() {
        assertThatThrownBy(() -> IncomingMessage.from(record("not json", Map.of())))
                .isInstanceOf(PoisonMessage.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> IncomingMessage.from(record(null, Map.of())))
                .isInstanceOf(PoisonMessage.class).hasMessageContaining("has no value");
        assertThatThrownBy(() -> IncomingMessage.from(record("{}", Map.of("ce_specversion", "1.0", "ce_type", "x"))))
                .isInstanceOf(PoisonMessage.class).hasMessageContaining("without ce_id");
        assertThatThrownBy(() -> IncomingMessage.from(record("{}", Map.of("ce_specversion", "1.0", "ce_id", "1", "ce_type", "x",
                "ce_time", "yesterday")))).isInstanceOf(PoisonMessage.class).hasMessageContaining("RFC 3339");
        assertThatThrownBy(() -> IncomingMessage.from(record("[1,2]", Map.of())).object())
                .isInstanceOf(PoisonMessage.class).hasMessageContaining("not a JSON object");
    }
}
