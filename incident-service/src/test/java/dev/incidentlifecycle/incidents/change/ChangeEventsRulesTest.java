package dev.incidentlifecycle.incidents.change;

import dev.incidentlifecycle.incidents.alert.PagerDutyEvent;
import dev.incidentlifecycle.incidents.alert.Validated;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A change event's rules and its service, with no framework started. */
class ChangeEventsRulesTest {

    static Validated<ChangeEvent> validate(Map<String, ?> body) {
        return PagerDutyChangeEvent.validate(body, PagerDutyEvent.RoutingKey.OPTIONAL);
    }

    static ChangeEvent valid(Map<String, ?> body) {
        return ((Validated.Valid<ChangeEvent>) validate(body)).value();
    }

    @Test
    void pagerdutys_own_example_is_a_change_of_its_source() {
        ChangeEvent change = valid(Map.of("routing_key", "samplekeyhere",
                "payload", Map.of("summary", "Build Success: Increase snapshot create timeout to 30 seconds",
                        "timestamp", "2020-07-17T08:42:58.315+0000", "source", "acme-build-pipeline-tool-default-i-9999",
                        "custom_details", Map.of("build_state", "passed", "build_number", "2", "run_time", "1236s")),
                "links", List.of(Map.of("href", "https://acme.pagerduty.dev/build/2", "text", "View more details in Acme!"))));
        assertThat(change.timestamp()).isEqualTo(Instant.parse("2020-07-17T08:42:58.315Z"));
        assertThat(change.links()).singleElement().satisfies(link -> assertThat(link.href()).isEqualTo("https://acme.pagerduty.dev/build/2"));
        assertThat(change.serviceWith(null)).isEqualTo("acme-build-pipeline-tool-default-i-9999");
    }

    @Test
    void the_named_service_wins_then_the_integrations_then_the_source() {
        ChangeEvent named = valid(Map.of("payload", Map.of("summary", "s", "source", "host",
                "custom_details", Map.of("service", "checkout"))));
        ChangeEvent unnamed = valid(Map.of("payload", Map.of("summary", "s", "source", "host")));
        ChangeEvent bare = valid(Map.of("payload", Map.of("summary", "s")));
        assertThat(named.serviceWith("payments")).isEqualTo("checkout");
        assertThat(unnamed.serviceWith("payments")).isEqualTo("payments");
        assertThat(unnamed.serviceWith(null)).isEqualTo("host");
        assertThat(bare.serviceWith(null)).isNull();
    }

    @Test
    void every_error_is_named() {
        Validated<ChangeEvent> refused = validate(Map.of("payload", Map.of("summary", 42, "source", "a\u0000b",
                "custom_details", Map.of("service", List.of("x"))), "links", "none"));
        assertThat(((Validated.Invalid<ChangeEvent>) refused).errors()).containsExactly(
                "'payload.summary' must be a string",
                "'payload.source' contains a control character U+0000 at index 1",
                "'payload.custom_details.service' must be a string", "'links' must be an array");
    }
}
