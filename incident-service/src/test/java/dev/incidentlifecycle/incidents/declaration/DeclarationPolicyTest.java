package dev.incidentlifecycle.incidents.declaration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentlifecycle.incidents.alert.AlertEvent;
import dev.incidentlifecycle.incidents.alert.AlertSeverity;
import dev.incidentlifecycle.incidents.incident.DeclarationSource;
import dev.incidentlifecycle.incidents.incident.Incident;
import dev.incidentlifecycle.incidents.incident.IncidentEvent;
import dev.incidentlifecycle.incidents.incident.IncidentSeverity;
import dev.incidentlifecycle.incidents.incident.IncidentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class DeclarationPolicyTest {

    private static final UUID OPEN_INCIDENT = UUID.fromString("00000000-0000-4000-8000-0000000000c1");
    private static final Instant DECLARED = Instant.parse("2026-03-02T10:00:00Z");
    private static final DeclarationPolicy DEFAULTS = DeclarationPolicy.defaults();

    private static AlertEvent.Triggered alert(AlertSeverity severity, String service) {
        return new AlertEvent.Triggered(UUID.randomUUID(), "key", severity, "High error rate", "web-1", service,
                service, null, null, Map.of(), List.of(), null, null, DECLARED, DECLARED);
    }

    private static CandidateIncident candidate(IncidentStatus status, String service) {
        return new CandidateIncident(OPEN_INCIDENT, service, status, DECLARED);
    }

    private static Instant minutesAfterDeclaration(long minutes) {
        return DECLARED.plus(Duration.ofMinutes(minutes));
    }

    @Nested
    class ByDefault {

        @Test
        void critical_declares_a_sev2_titled_after_service_and_summary() {
            assertThat(DEFAULTS.decide(alert(AlertSeverity.CRITICAL, "checkout"), null, DECLARED))
                    .usingRecursiveComparison().ignoringFields("rule").isEqualTo(new AlertDecision.Declare(IncidentSeverity.SEV2, "[checkout] High error rate"));
        }

        @Test
        void error_declares_a_sev3() {
            assertThat(DEFAULTS.decide(alert(AlertSeverity.ERROR, "checkout"), null, DECLARED))
                    .usingRecursiveComparison().ignoringFields("rule").isEqualTo(new AlertDecision.Declare(IncidentSeverity.SEV3, "[checkout] High error rate"));
        }

        @ParameterizedTest
        @EnumSource(value = AlertSeverity.class, names = {"WARNING", "INFO"})
        void warning_and_info_are_recorded_only(AlertSeverity severity) {
            assertThat(DEFAULTS.decide(alert(severity, "checkout"), null, DECLARED))
                    .usingRecursiveComparison().ignoringFields("rule").isEqualTo(new AlertDecision.RecordOnly());
        }

        @Test
        void the_grouping_window_is_30_minutes_and_incidents_do_not_resolve_themselves() {
            assertThat(DEFAULTS.groupingWindow()).isEqualTo(Duration.ofMinutes(30));
            assertThat(DEFAULTS.autoResolveWhenAlertsResolved()).isFalse();
            assertThat(DEFAULTS.declares()).containsOnly(
                    Map.entry(AlertSeverity.CRITICAL, IncidentSeverity.SEV2),
                    Map.entry(AlertSeverity.ERROR, IncidentSeverity.SEV3));
        }
    }

    @Nested
    class Grouping {

        @ParameterizedTest(name = "{0} minutes after the declaration: {1}")
        @CsvSource({"0,attach", "10,attach", "30,attach", "31,declare", "-5,attach"})
        void a_new_alert_joins_the_services_open_incident_within_the_window(long minutes, String expected) {
            AlertDecision decision = DEFAULTS.decide(alert(AlertSeverity.CRITICAL, "checkout"),
                    candidate(IncidentStatus.INVESTIGATING, "checkout"), minutesAfterDeclaration(minutes));
            assertThat(decision).usingRecursiveComparison().ignoringFields("rule").isEqualTo(expected.equals("attach")
                    ? new AlertDecision.AttachTo(OPEN_INCIDENT)
                    : new AlertDecision.Declare(IncidentSeverity.SEV2, "[checkout] High error rate"));
        }

        @Test
        void the_edge_of_the_window_is_inside_and_a_millisecond_later_is_outside() {
            Instant edge = DECLARED.plus(Duration.ofMinutes(30));
            var critical = alert(AlertSeverity.CRITICAL, "checkout");
            var open = candidate(IncidentStatus.INVESTIGATING, "checkout");
            assertThat(DEFAULTS.decide(critical, open, edge)).usingRecursiveComparison().ignoringFields("rule").isEqualTo(new AlertDecision.AttachTo(OPEN_INCIDENT));
            assertThat(DEFAULTS.decide(critical, open, edge.plusMillis(1))).isInstanceOf(AlertDecision.Declare.class);
        }

        @Test
        void a_mitigated_incident_is_still_open() {
            assertThat(DEFAULTS.decide(alert(AlertSeverity.CRITICAL, "checkout"),
                    candidate(IncidentStatus.MITIGATED, "checkout"), minutesAfterDeclaration(5)))
                    .usingRecursiveComparison().ignoringFields("rule").isEqualTo(new AlertDecision.AttachTo(OPEN_INCIDENT));
        }

        @ParameterizedTest
        @EnumSource(value = IncidentStatus.class, names = {"RESOLVED", "CLOSED"})
        void a_resolved_or_closed_incident_is_not_joined(IncidentStatus status) {
            assertThat(DEFAULTS.decide(alert(AlertSeverity.CRITICAL, "checkout"),
                    candidate(status, "checkout"), minutesAfterDeclaration(5)))
                    .isInstanceOf(AlertDecision.Declare.class);
        }

        @Test
        void an_incident_of_another_service_is_not_joined() {
            assertThat(DEFAULTS.decide(alert(AlertSeverity.CRITICAL, "checkout"),
                    candidate(IncidentStatus.INVESTIGATING, "search"), minutesAfterDeclaration(5)))
                    .isInstanceOf(AlertDecision.Declare.class);
        }

        @Test
        void an_alert_that_would_only_be_recorded_still_joins_an_open_incident() {
            assertThat(DEFAULTS.decide(alert(AlertSeverity.WARNING, "checkout"),
                    candidate(IncidentStatus.INVESTIGATING, "checkout"), minutesAfterDeclaration(5)))
                    .usingRecursiveComparison().ignoringFields("rule").isEqualTo(new AlertDecision.AttachTo(OPEN_INCIDENT));
            assertThat(DEFAULTS.decide(alert(AlertSeverity.WARNING, "checkout"),
                    candidate(IncidentStatus.INVESTIGATING, "checkout"), minutesAfterDeclaration(45)))
                    .usingRecursiveComparison().ignoringFields("rule").isEqualTo(new AlertDecision.RecordOnly());
        }

        @Test
        void an_alert_without_a_service_is_never_grouped_and_is_titled_by_its_summary() {
            assertThat(DEFAULTS.decide(alert(AlertSeverity.CRITICAL, null),
                    candidate(IncidentStatus.INVESTIGATING, null), minutesAfterDeclaration(1)))
                    .usingRecursiveComparison().ignoringFields("rule").isEqualTo(new AlertDecision.Declare(IncidentSeverity.SEV2, "High error rate"));
        }

        @Test
        void the_candidate_can_come_from_an_incidents_state() {
            var state = new Incident().fold(List.of(new IncidentEvent.Declared(OPEN_INCIDENT, "INC-3", "Down",
                    IncidentSeverity.SEV2, "checkout", null, "alex", DECLARED, DECLARED, DeclarationSource.MANUAL)));
            assertThat(CandidateIncident.of(state))
                    .isEqualTo(new CandidateIncident(OPEN_INCIDENT, "checkout", IncidentStatus.INVESTIGATING, DECLARED));
        }
    }

    @Nested
    class Configured {

        @Test
        void declares_what_it_is_told_with_its_own_window() {
            var policy = new DeclarationPolicy(Map.of(AlertSeverity.CRITICAL, IncidentSeverity.SEV1,
                    AlertSeverity.WARNING, IncidentSeverity.SEV4), Duration.ofMinutes(5), true);
            assertThat(policy.decide(alert(AlertSeverity.CRITICAL, "db"), null, DECLARED))
                    .usingRecursiveComparison().ignoringFields("rule").isEqualTo(new AlertDecision.Declare(IncidentSeverity.SEV1, "[db] High error rate"));
            assertThat(policy.decide(alert(AlertSeverity.WARNING, "db"), null, DECLARED))
                    .usingRecursiveComparison().ignoringFields("rule").isEqualTo(new AlertDecision.Declare(IncidentSeverity.SEV4, "[db] High error rate"));
            assertThat(policy.decide(alert(AlertSeverity.ERROR, "db"), null, DECLARED))
                    .usingRecursiveComparison().ignoringFields("rule").isEqualTo(new AlertDecision.RecordOnly());
            assertThat(policy.decide(alert(AlertSeverity.CRITICAL, "db"),
                    candidate(IncidentStatus.INVESTIGATING, "db"), minutesAfterDeclaration(6)))
                    .isInstanceOf(AlertDecision.Declare.class);
            assertThat(policy.autoResolveWhenAlertsResolved()).isTrue();
        }

        @Test
        void with_nothing_to_declare_every_alert_is_recorded_only() {
            var policy = new DeclarationPolicy(null, Duration.ZERO, false);
            assertThat(policy.decide(alert(AlertSeverity.CRITICAL, "db"), null, DECLARED))
                    .usingRecursiveComparison().ignoringFields("rule").isEqualTo(new AlertDecision.RecordOnly());
        }

        @Test
        void a_negative_window_is_refused() {
            assertThatThrownBy(() -> new DeclarationPolicy(Map.of(), Duration.ofMinutes(-1), false))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void a_title_too_long_for_an_incident_is_cut() {
        var longAlert = new AlertEvent.Triggered(UUID.randomUUID(), "key", AlertSeverity.CRITICAL, "x".repeat(1024),
                "web-1", "checkout", "checkout", null, null, Map.of(), List.of(), null, null, DECLARED, DECLARED);
        String title = DeclarationPolicy.titleFor(longAlert);
        assertThat(title).hasSize(Incident.MAX_TITLE_LENGTH).startsWith("[checkout] xxx").endsWith("…");
    }

    /** Grouping that follows a long outage, grouping keys beyond the service, per-service rules, and the rule named. */
    @Nested
    class GroupingThatFollowsAnOutage {

        final DeclarationPolicy policy = new DeclarationPolicy(
                Map.of(AlertSeverity.CRITICAL, IncidentSeverity.SEV2, AlertSeverity.ERROR, IncidentSeverity.SEV3),
                Map.of("ledger", Map.of(AlertSeverity.CRITICAL, IncidentSeverity.SEV1, AlertSeverity.WARNING, IncidentSeverity.SEV3)),
                Duration.ofMinutes(30), Duration.ofHours(6), List.of("environment"), false);

        AlertEvent.Triggered alert(String service, Map<String, Object> details) {
            return new AlertEvent.Triggered(UUID.randomUUID(), "key", AlertSeverity.CRITICAL, "High error rate", "web-1",
                    service, service, null, null, details, List.of(), null, null, DECLARED, DECLARED);
        }

        @Test
        void a_two_hour_outage_with_an_alert_every_20_minutes_stays_one_incident() {
            AlertEvent.Triggered alert = alert("checkout", Map.of("environment", "prod"));
            String key = policy.groupingKey("checkout", Map.of("environment", "prod"));
            CandidateIncident incident = new CandidateIncident(OPEN_INCIDENT, key, IncidentStatus.INVESTIGATING, DECLARED, DECLARED);
            for (int minute = 20; minute <= 120; minute += 20) {
                AlertDecision decision = policy.decide(alert, incident, minutesAfterDeclaration(minute));
                assertThat(decision).as("minute " + minute).isInstanceOf(AlertDecision.AttachTo.class);
                assertThat(decision.rule()).startsWith("grouped: service=checkout, environment=prod, 20 min after the incident's last alert");
                incident = new CandidateIncident(OPEN_INCIDENT, key, IncidentStatus.INVESTIGATING, DECLARED, minutesAfterDeclaration(minute));
            }
            // Quiet for longer than the window: a new incident.
            assertThat(policy.decide(alert, incident, minutesAfterDeclaration(120 + 31))).isInstanceOf(AlertDecision.Declare.class);
        }

        @Test
        void no_alert_joins_an_incident_older_than_the_maximum_age() {
            AlertEvent.Triggered alert = alert("checkout", Map.of("environment", "prod"));
            String key = policy.groupingKey("checkout", Map.of("environment", "prod"));
            Instant late = DECLARED.plus(Duration.ofHours(6)).plusSeconds(1);
            CandidateIncident incident = new CandidateIncident(OPEN_INCIDENT, key, IncidentStatus.INVESTIGATING, DECLARED,
                    late.minusSeconds(60));
            assertThat(policy.decide(alert, incident, late)).isInstanceOf(AlertDecision.Declare.class);
        }

        @Test
        void a_grouping_key_on_environment_keeps_prod_and_staging_apart_from_custom_details_or_alertmanager_labels() {
            String prod = policy.groupingKey("checkout", Map.of("environment", "prod"));
            assertThat(prod).isEqualTo("checkout|environment=prod");
            assertThat(policy.groupingKey("checkout", Map.of("labels", Map.of("environment", "prod")))).isEqualTo(prod);
            assertThat(policy.groupingKey("checkout", Map.of())).isEqualTo("checkout|environment=");
            assertThat(policy.groupingKey(null, Map.of("environment", "prod"))).isNull();
            CandidateIncident prodIncident = new CandidateIncident(OPEN_INCIDENT, prod, IncidentStatus.INVESTIGATING, DECLARED, DECLARED);
            assertThat(policy.decide(alert("checkout", Map.of("environment", "staging")), prodIncident, minutesAfterDeclaration(1)))
                    .isInstanceOf(AlertDecision.Declare.class);
            assertThat(policy.decide(alert("checkout", Map.of("labels", Map.of("environment", "prod"))), prodIncident,
                    minutesAfterDeclaration(1))).isInstanceOf(AlertDecision.AttachTo.class);
        }

        @Test
        void a_service_may_have_its_own_rules_and_every_decision_names_the_rule() {
            AlertDecision ledger = policy.decide(alert("ledger", Map.of()), null, DECLARED);
            assertThat(ledger).usingRecursiveComparison()
                    .isEqualTo(new AlertDecision.Declare(IncidentSeverity.SEV1, "[ledger] High error rate",
                            "declared: critical alerts declare SEV1 for service ledger"));
            AlertDecision checkout = policy.decide(alert("checkout", Map.of()), null, DECLARED);
            assertThat(checkout.rule()).isEqualTo("declared: critical alerts declare SEV2");
            AlertEvent.Triggered warning = new AlertEvent.Triggered(UUID.randomUUID(), "key", AlertSeverity.WARNING, "Slow",
                    "web-1", "ledger", "ledger", null, null, Map.of(), List.of(), null, null, DECLARED, DECLARED);
            assertThat(policy.decide(warning, null, DECLARED)).isInstanceOf(AlertDecision.Declare.class);
            AlertEvent.Triggered error = new AlertEvent.Triggered(UUID.randomUUID(), "key", AlertSeverity.ERROR, "Errors",
                    "web-1", "ledger", "ledger", null, null, Map.of(), List.of(), null, null, DECLARED, DECLARED);
            assertThat(policy.decide(error, null, DECLARED).rule()).isEqualTo("recorded only: error alerts declare no incident for service ledger");
        }
    }
}
