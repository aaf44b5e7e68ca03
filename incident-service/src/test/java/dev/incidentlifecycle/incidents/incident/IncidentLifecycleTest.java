package dev.incidentlifecycle.incidents.incident;

import static dev.incidentlifecycle.incidents.incident.IncidentFixtures.DECLARED;
import static dev.incidentlifecycle.incidents.incident.IncidentFixtures.DETECTED;
import static dev.incidentlifecycle.incidents.incident.IncidentFixtures.ID;
import static dev.incidentlifecycle.incidents.incident.IncidentFixtures.acknowledged;
import static dev.incidentlifecycle.incidents.incident.IncidentFixtures.at;
import static dev.incidentlifecycle.incidents.incident.IncidentFixtures.closed;
import static dev.incidentlifecycle.incidents.incident.IncidentFixtures.declared;
import static dev.incidentlifecycle.incidents.incident.IncidentFixtures.historyOf;
import static dev.incidentlifecycle.incidents.incident.IncidentFixtures.incident;
import static dev.incidentlifecycle.incidents.incident.IncidentFixtures.mitigated;
import static dev.incidentlifecycle.incidents.incident.IncidentFixtures.reopened;
import static dev.incidentlifecycle.incidents.incident.IncidentFixtures.resolved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentlifecycle.incidents.alert.AlertSeverity;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.Acknowledge;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.Close;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.Declare;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.Mitigate;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.Reopen;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.Resolve;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IncidentLifecycleTest {

    private static final UUID REVIEW = UUID.fromString("00000000-0000-4000-8000-00000000beef");

    @Nested
    class Declaring {

        @Test
        void by_hand_it_starts_investigating_detected_when_declared() {
            incident()
                    .when(new Declare(ID, "INC-7", " Checkout failing ", IncidentSeverity.SEV3, "checkout", "sam",
                            null, null, "alex", null, DECLARED))
                    .then(new IncidentEvent.Declared(ID, "INC-7", "Checkout failing", IncidentSeverity.SEV3,
                            "checkout", "sam", "alex", DECLARED, DECLARED, DeclarationSource.MANUAL));
        }

        @Test
        void a_person_can_say_when_it_was_detected_and_back_date_the_declaration() {
            var outcome = incident()
                    .when(new Declare(ID, "INC-7", "Checkout failing", IncidentSeverity.SEV3, null, null,
                            DETECTED, null, "alex", DECLARED, at(3)));
            IncidentState state = outcome.state();
            assertThat(state.status()).isEqualTo(IncidentStatus.INVESTIGATING);
            assertThat(state.declaredAt()).isEqualTo(DECLARED);
            assertThat(state.detectedAt()).isEqualTo(DETECTED);
            assertThat(state.service()).isNull();
            assertThat(state.number()).isEqualTo("INC-7");
        }

        @Test
        void from_an_alert_it_is_detected_when_the_alert_started_and_the_alert_is_attached() {
            Instant alertStart = DECLARED.minusSeconds(90);
            UUID alertId = UUID.randomUUID();
            var alert = new AlertReference(alertId, "checkout/high-errors", "High error rate",
                    AlertSeverity.CRITICAL, alertStart);
            var outcome = incident()
                    .when(new Declare(ID, "INC-7", "[checkout] High error rate", IncidentSeverity.SEV2,
                            "checkout", null, null, alert, "declaration-policy", null, DECLARED))
                    .then(new IncidentEvent.Declared(ID, "INC-7", "[checkout] High error rate",
                                    IncidentSeverity.SEV2, "checkout", null, "declaration-policy", DECLARED,
                                    alertStart, DeclarationSource.ALERT),
                            new IncidentEvent.AlertAttached(ID, alertId, "checkout/high-errors", "High error rate",
                                    AlertSeverity.CRITICAL, "declaration-policy", DECLARED));
            assertThat(outcome.state().alertCount()).isEqualTo(1);
            assertThat(outcome.state().source()).isEqualTo(DeclarationSource.ALERT);
        }

        @Test
        void only_once() {
            incident().given(declared())
                    .when(new Declare(ID, "INC-7", "Again", IncidentSeverity.SEV3, null, null, null, null,
                            "alex", null, at(1)))
                    .thenRuleViolation("incident INC-7 has already been declared");
        }

        @Test
        void needs_a_title_a_severity_an_id_a_proper_number_and_an_actor() {
            incident().when(new Declare(ID, "INC-7", "  ", IncidentSeverity.SEV3, null, null, null, null,
                    "alex", null, DECLARED)).thenInvalid("title");
            incident().when(new Declare(ID, "INC-7", "x".repeat(301), IncidentSeverity.SEV3, null, null, null,
                    null, "alex", null, DECLARED)).thenInvalid("title");
            incident().when(new Declare(ID, "INC-7", "Down", null, null, null, null, null,
                    "alex", null, DECLARED)).thenInvalid("severity");
            incident().when(new Declare(null, "INC-7", "Down", IncidentSeverity.SEV1, null, null, null, null,
                    "alex", null, DECLARED)).thenInvalid("incidentId");
            incident().when(new Declare(ID, "7", "Down", IncidentSeverity.SEV1, null, null, null, null,
                    "alex", null, DECLARED)).thenInvalid("number");
            incident().when(new Declare(ID, "INC-0", "Down", IncidentSeverity.SEV1, null, null, null, null,
                    "alex", null, DECLARED)).thenInvalid("number");
            incident().when(new Declare(ID, "INC-7", "Down", IncidentSeverity.SEV1, null, null, null, null,
                    " ", null, DECLARED)).thenInvalid("actor");
            incident().when(new Declare(ID, "INC-7", "Down", IncidentSeverity.SEV1, null, null, null, null,
                    "alex", null, null)).thenInvalid("recordedAt");
        }

        @Test
        void cannot_be_dated_in_the_future_nor_detected_after_its_declaration() {
            incident().when(new Declare(ID, "INC-7", "Down", IncidentSeverity.SEV1, null, null, null, null,
                    "alex", at(1), DECLARED)).thenInvalid("occurredAt");
            incident().when(new Declare(ID, "INC-7", "Down", IncidentSeverity.SEV1, null, null, at(1), null,
                    "alex", null, DECLARED)).thenInvalid("detectedAt");
        }

        @Test
        void numbers_read_INC_n() {
            assertThat(Incident.number(42)).isEqualTo("INC-42");
            assertThatThrownBy(() -> Incident.number(0)).isInstanceOf(IllegalArgumentException.class);
            assertThat(Incident.streamId(ID)).isEqualTo("incident-" + ID);
        }
    }

    @Nested
    class BeforeDeclaration {

        @Test
        void nothing_else_is_accepted() {
            incident().when(new Acknowledge("sam", null, at(1)))
                    .thenRuleViolation("no incident has been declared on this stream");
            incident().when(new Mitigate("sam", null, at(1)))
                    .thenRuleViolation("no incident has been declared on this stream");
            incident().when(new Close("done", null, ClosingCause.BY_HAND, null, false, "sam", null, at(1)))
                    .thenRuleViolation("no incident has been declared on this stream");
        }
    }

    /** Every lifecycle command against every status: legal ones yield their event, illegal ones say why. */
    @Nested
    class Transitions {

        @ParameterizedTest(name = "mitigate when {0}")
        @CsvSource(delimiter = '|', value = {
                "INVESTIGATING|",
                "MITIGATED|incident INC-7 is MITIGATED; only an INVESTIGATING incident can be mitigated",
                "RESOLVED|incident INC-7 is RESOLVED; only an INVESTIGATING incident can be mitigated",
                "CLOSED|incident INC-7 is CLOSED; only an INVESTIGATING incident can be mitigated"})
        void mitigate(IncidentStatus status, String refusal) {
            var outcome = incident().given(historyOf(status)).when(new Mitigate("sam", null, at(700)));
            if (refusal == null) {
                outcome.then(new IncidentEvent.Mitigated(ID, "sam", at(700)));
                assertThat(outcome.state().status()).isEqualTo(IncidentStatus.MITIGATED);
                assertThat(outcome.state().mitigatedAt()).isEqualTo(at(700));
            } else {
                outcome.thenRuleViolation(refusal);
            }
        }

        @ParameterizedTest(name = "resolve when {0}")
        @CsvSource(delimiter = '|', value = {
                "INVESTIGATING|",
                "MITIGATED|",
                "RESOLVED|incident INC-7 is RESOLVED; only an INVESTIGATING or MITIGATED incident can be resolved",
                "CLOSED|incident INC-7 is CLOSED; only an INVESTIGATING or MITIGATED incident can be resolved"})
        void resolve(IncidentStatus status, String refusal) {
            var outcome = incident().given(historyOf(status)).when(new Resolve(null, "sam", null, at(700)));
            if (refusal == null) {
                outcome.then(new IncidentEvent.Resolved(ID, null, "sam", at(700)));
                assertThat(outcome.state().status()).isEqualTo(IncidentStatus.RESOLVED);
                assertThat(outcome.state().resolvedAt()).isEqualTo(at(700));
            } else {
                outcome.thenRuleViolation(refusal);
            }
        }

        @ParameterizedTest(name = "reopen when {0}")
        @CsvSource(delimiter = '|', value = {
                "INVESTIGATING|incident INC-7 is INVESTIGATING; only a RESOLVED incident can be reopened",
                "MITIGATED|incident INC-7 is MITIGATED; only a RESOLVED incident can be reopened",
                "RESOLVED|",
                "CLOSED|incident INC-7 is CLOSED; only a RESOLVED incident can be reopened"})
        void reopen(IncidentStatus status, String refusal) {
            var outcome = incident().given(historyOf(status)).when(new Reopen("errors are back", "sam", null, at(700)));
            if (refusal == null) {
                outcome.then(new IncidentEvent.Reopened(ID, "errors are back", "sam", at(700)));
                assertThat(outcome.state().status()).isEqualTo(IncidentStatus.INVESTIGATING);
            } else {
                outcome.thenRuleViolation(refusal);
            }
        }

        @ParameterizedTest(name = "close when {0}")
        @CsvSource(delimiter = '|', value = {
                "INVESTIGATING|incident INC-7 is INVESTIGATING; only a RESOLVED incident can be closed",
                "MITIGATED|incident INC-7 is MITIGATED; only a RESOLVED incident can be closed",
                "RESOLVED|",
                "CLOSED|incident INC-7 is CLOSED; only a RESOLVED incident can be closed"})
        void close(IncidentStatus status, String refusal) {
            var outcome = incident().given(historyOf(status))
                    .when(new Close("review follow-up complete", REVIEW, ClosingCause.FOLLOW_UP_COMPLETED, null, false, "kim", null, at(700)));
            if (refusal == null) {
                outcome.then(new IncidentEvent.Closed(ID, "review follow-up complete", REVIEW, ClosingCause.FOLLOW_UP_COMPLETED, "kim", at(700)));
                assertThat(outcome.state().status()).isEqualTo(IncidentStatus.CLOSED);
                assertThat(outcome.state().closedAt()).isEqualTo(at(700));
                assertThat(outcome.state().reviewId()).isEqualTo(REVIEW);
            } else {
                outcome.thenRuleViolation(refusal);
            }
        }

        @ParameterizedTest(name = "acknowledge when {0}")
        @CsvSource(delimiter = '|', value = {
                "INVESTIGATING|",
                "MITIGATED|",
                "RESOLVED|incident INC-7 is RESOLVED; only an INVESTIGATING or MITIGATED incident can be acknowledged",
                "CLOSED|incident INC-7 is CLOSED; only an INVESTIGATING or MITIGATED incident can be acknowledged"})
        void acknowledge(IncidentStatus status, String refusal) {
            var outcome = incident().given(historyOf(status)).when(new Acknowledge("sam", null, at(700)));
            if (refusal == null) {
                outcome.then(new IncidentEvent.Acknowledged(ID, "sam", at(700)));
                assertThat(outcome.state().acknowledgedAt()).isEqualTo(at(700));
                assertThat(outcome.state().acknowledgedBy()).isEqualTo("sam");
                assertThat(outcome.state().status()).isEqualTo(status);
            } else {
                outcome.thenRuleViolation(refusal);
            }
        }
    }

    @Nested
    class Acknowledging {

        @Test
        void happens_once() {
            incident().given(declared(), acknowledged(2))
                    .when(new Acknowledge("kim", null, at(5)))
                    .thenRuleViolation("incident INC-7 was already acknowledged by sam at " + at(2));
        }

        @Test
        void may_be_back_dated_but_not_before_the_declaration() {
            incident().given(declared())
                    .when(new Acknowledge("sam", at(1), at(9)))
                    .then(new IncidentEvent.Acknowledged(ID, "sam", at(1)));
            incident().given(declared())
                    .when(new Acknowledge("sam", DECLARED.minusSeconds(1), at(9)))
                    .thenRuleViolation("incident INC-7 was declared at " + DECLARED
                            + "; nothing else can have happened to it before that (" + DECLARED.minusSeconds(1) + ")");
        }

        @Test
        void cannot_be_dated_in_the_future() {
            incident().given(declared())
                    .when(new Acknowledge("sam", at(10), at(9)))
                    .thenInvalid("occurredAt");
        }
    }

    @Nested
    class Milestones {

        @Test
        void the_usual_path_investigating_mitigated_resolved_closed() {
            IncidentState state = incident()
                    .given(declared(), acknowledged(3), mitigated(20), resolved(40), closed(600))
                    .state();
            assertThat(state.status()).isEqualTo(IncidentStatus.CLOSED);
            assertThat(state.acknowledgedAt()).isEqualTo(at(3));
            assertThat(state.mitigatedAt()).isEqualTo(at(20));
            assertThat(state.resolvedAt()).isEqualTo(at(40));
            assertThat(state.closedAt()).isEqualTo(at(600));
        }

        @Test
        void resolving_straight_from_investigating_is_allowed() {
            incident().given(declared())
                    .when(new Resolve("false alarm", "sam", null, at(4)))
                    .then(new IncidentEvent.Resolved(ID, "false alarm", "sam", at(4)));
        }

        @Test
        void may_be_back_dated() {
            incident().given(declared())
                    .when(new Mitigate("sam", at(15), at(30)))
                    .then(new IncidentEvent.Mitigated(ID, "sam", at(15)));
            incident().given(declared(), mitigated(15))
                    .when(new Resolve(null, "sam", at(25), at(30)))
                    .then(new IncidentEvent.Resolved(ID, null, "sam", at(25)));
        }

        @Test
        void a_mitigation_cannot_be_back_dated_before_the_declaration() {
            incident().given(declared())
                    .when(new Mitigate("sam", DECLARED.minusSeconds(60), at(30)))
                    .thenRuleViolationContaining("was declared at " + DECLARED);
        }

        @Test
        void a_resolution_cannot_be_back_dated_before_the_mitigation() {
            incident().given(declared(), mitigated(20))
                    .when(new Resolve(null, "sam", at(10), at(30)))
                    .thenRuleViolation("incident INC-7 was mitigated at " + at(20)
                            + "; it cannot have been resolved before that (" + at(10) + ")");
        }

        @Test
        void reopening_and_closing_cannot_be_back_dated_before_the_resolution() {
            incident().given(declared(), resolved(40))
                    .when(new Reopen("back", "sam", at(30), at(50)))
                    .thenRuleViolationContaining("was resolved at " + at(40));
            incident().given(declared(), resolved(40))
                    .when(new Close("done", null, ClosingCause.BY_HAND, null, false, "sam", at(30), at(50)))
                    .thenRuleViolationContaining("was resolved at " + at(40));
        }

        @Test
        void reopening_and_closing_need_a_reason() {
            incident().given(declared(), resolved(40))
                    .when(new Reopen(" ", "sam", null, at(50)))
                    .thenInvalid("reason");
            incident().given(declared(), resolved(40))
                    .when(new Close(null, null, ClosingCause.BY_HAND, null, false, "sam", null, at(50)))
                    .thenInvalid("reason");
        }

        @Test
        void reopening_starts_a_new_response_cycle() {
            var outcome = incident().given(declared(), acknowledged(2), mitigated(20), resolved(40))
                    .when(new Reopen("errors are back", "sam", null, at(90)));
            IncidentState state = outcome.state();
            assertThat(state.status()).isEqualTo(IncidentStatus.INVESTIGATING);
            assertThat(state.mitigatedAt()).isNull();
            assertThat(state.resolvedAt()).isNull();
            assertThat(state.acknowledgedAt()).isEqualTo(at(2));
            assertThat(state.reopenCount()).isEqualTo(1);

            IncidentState again = incident()
                    .given(declared(), acknowledged(2), mitigated(20), resolved(40), reopened(90), mitigated(100),
                            resolved(120))
                    .state();
            assertThat(again.status()).isEqualTo(IncidentStatus.RESOLVED);
            assertThat(again.mitigatedAt()).isEqualTo(at(100));
            assertThat(again.resolvedAt()).isEqualTo(at(120));
        }

        @Test
        void an_unknown_event_is_a_programming_error() {
            assertThatThrownBy(() -> new Incident().evolve(IncidentState.NONE, null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class ResponseTimesFromDetection {

        @Test
        void are_null_until_each_milestone() {
            ResponseTimes times = incident().given(declared()).state().responseTimes();
            assertThat(times).isEqualTo(new ResponseTimes(null, null, null));
        }

        @Test
        void are_measured_from_detection() {
            ResponseTimes times = incident().given(declared(), acknowledged(3), mitigated(20), resolved(40))
                    .state().responseTimes();
            assertThat(times.timeToAcknowledge()).isEqualTo(Duration.ofMinutes(8));
            assertThat(times.timeToMitigate()).isEqualTo(Duration.ofMinutes(25));
            assertThat(times.timeToResolve()).isEqualTo(Duration.ofMinutes(45));
        }

        @Test
        void a_resolution_without_mitigation_counts_as_the_mitigation() {
            ResponseTimes times = incident().given(declared(), resolved(40)).state().responseTimes();
            assertThat(times.timeToMitigate()).isEqualTo(Duration.ofMinutes(45));
            assertThat(times.timeToAcknowledge()).isNull();
        }

        @Test
        void after_a_reopening_they_wait_for_the_resolution_that_holds() {
            ResponseTimes times = incident().given(declared(), mitigated(20), resolved(40), reopened(90))
                    .state().responseTimes();
            assertThat(times.timeToMitigate()).isNull();
            assertThat(times.timeToResolve()).isNull();
        }
    }
}
