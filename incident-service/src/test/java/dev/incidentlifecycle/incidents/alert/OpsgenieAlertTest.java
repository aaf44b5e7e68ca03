package dev.incidentlifecycle.incidents.alert;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Opsgenie bodies become the signals PagerDuty events would: what each field maps to, and what is refused. */
class OpsgenieAlertTest {

    static AlertSignal created(Map<String, Object> body) {
        Validated<AlertSignal> validated = OpsgenieAlert.create(body, "10.0.0.7", () -> "generated-alias");
        assertThat(validated).isInstanceOf(Validated.Valid.class);
        return ((Validated.Valid<AlertSignal>) validated).value();
    }

    static Validated.Invalid<AlertSignal> refused(Map<String, Object> body) {
        Validated<AlertSignal> validated = OpsgenieAlert.create(body, "10.0.0.7", () -> "generated-alias");
        assertThat(validated).isInstanceOf(Validated.Invalid.class);
        return (Validated.Invalid<AlertSignal>) validated;
    }

    @Test
    void priorities_map_to_severities_p3_by_default() {
        assertThat(created(Map.of("message", "m", "priority", "P1")).severity()).isEqualTo(AlertSeverity.CRITICAL);
        assertThat(created(Map.of("message", "m", "priority", "P2")).severity()).isEqualTo(AlertSeverity.ERROR);
        assertThat(created(Map.of("message", "m", "priority", "P3")).severity()).isEqualTo(AlertSeverity.WARNING);
        assertThat(created(Map.of("message", "m", "priority", "P4")).severity()).isEqualTo(AlertSeverity.WARNING);
        assertThat(created(Map.of("message", "m", "priority", "P5")).severity()).isEqualTo(AlertSeverity.INFO);
        assertThat(created(Map.of("message", "m")).severity()).isEqualTo(AlertSeverity.WARNING);
        assertThat(OpsgenieAlert.errorsByField(refused(Map.of("message", "m", "priority", "p1")).errors()))
                .isEqualTo(Map.of("priority", "should be one of [ P1, P2, P3, P4, P5 ]"));
    }

    @Test
    void alias_entity_source_and_details_become_the_dedup_key_service_source_and_custom_details() {
        AlertSignal signal = created(Map.of("message", "Disk full", "alias", "db-1/disk", "entity", "ledger",
                "details", Map.of("environment", "prod"), "tags", List.of("db", " "), "actions", List.of("Restart")));

        assertThat(signal.action()).isEqualTo(AlertSignal.Action.TRIGGER);
        assertThat(signal.dedupKey()).isEqualTo("db-1/disk");
        assertThat(signal.service()).isEqualTo("ledger");
        assertThat(signal.source()).isEqualTo("10.0.0.7");
        assertThat(signal.customDetails()).isEqualTo(Map.of("environment", "prod",
                "opsgenie", Map.of("priority", "P3", "tags", List.of("db"))));
        assertThat(created(Map.of("message", "m", "source", "nagios")).service()).as("no entity: the source").isEqualTo("nagios");
        assertThat(created(Map.of("message", "m")).dedupKey()).isEqualTo("generated-alias");
    }

    @Test
    void every_field_keeps_its_bound_and_the_custom_details_theirs_together() {
        Validated.Invalid<AlertSignal> invalid = refused(Map.of("message", "m", "tags", List.of("t".repeat(51)),
                "alias", "a".repeat(256), "details", Map.of("k", "v".repeat(8000)), "responders", List.of("payments")));
        assertThat(OpsgenieAlert.errorsByField(invalid.errors())).isEqualTo(Map.of(
                "alias", "exceeds 255 characters", "tags[0]", "exceeds 50 characters",
                "responders[0]", "must be an object", "details", "exceeds 8000 characters (keys and values together)"));
        assertThat(invalid.tooLarge()).isTrue();

        // Each within its own bound, together over 32 KiB as JSON: refused, never dead-lettered later on the topic.
        Validated.Invalid<AlertSignal> together = refused(Map.of("message", "m", "description", "é".repeat(15_000),
                "note", "n".repeat(5000)));
        assertThat(OpsgenieAlert.errorsByField(together.errors())).containsOnlyKeys("details");
    }

    @Test
    void acknowledge_and_close_act_on_the_alias_and_only_alias_identifies() {
        Validated<AlertSignal> close = OpsgenieAlert.action(AlertSignal.Action.RESOLVE, "db-1/disk", Map.of("user", "ops"));
        assertThat(((Validated.Valid<AlertSignal>) close).value().dedupKey()).isEqualTo("db-1/disk");
        assertThat(OpsgenieAlert.unsupportedIdentifierType("alias")).isNull();
        assertThat(OpsgenieAlert.unsupportedIdentifierType("ALIAS")).isNull();
        assertThat(OpsgenieAlert.unsupportedIdentifierType(null)).contains("which Opsgenie reads as id");
        assertThat(OpsgenieAlert.unsupportedIdentifierType("tiny")).contains("'tiny'");
    }
}
