package dev.incidentlifecycle.incidents.incident;

import static dev.incidentlifecycle.incidents.incident.IncidentFixtures.DECLARED;
import static dev.incidentlifecycle.incidents.incident.IncidentFixtures.ID;
import static dev.incidentlifecycle.incidents.incident.IncidentFixtures.at;
import static dev.incidentlifecycle.incidents.incident.IncidentFixtures.declared;
import static dev.incidentlifecycle.incidents.incident.IncidentFixtures.historyOf;
import static dev.incidentlifecycle.incidents.incident.IncidentFixtures.incident;
import static dev.incidentlifecycle.incidents.incident.IncidentFixtures.mitigated;
import static dev.incidentlifecycle.incidents.incident.IncidentFixtures.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentlifecycle.incidents.alert.AlertSeverity;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.AddLink;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.AddNote;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.AssignRole;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.AttachAlert;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.ChangeSeverity;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.JoinAsResponder;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.RecordAllAlertsResolved;
import dev.incidentlifecycle.incidents.incident.IncidentCommand.UpdateImpact;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class IncidentResponseTest {

    private static final UUID NOTE = UUID.fromString("00000000-0000-4000-8000-0000000000a1");
    private static final UUID ALERT_1 = UUID.fromString("00000000-0000-4000-8000-0000000000b1");
    private static final UUID ALERT_2 = UUID.fromString("00000000-0000-4000-8000-0000000000b2");

    private static AlertReference alert(UUID id) {
        return new AlertReference(id, "checkout/" + id, "High error rate", AlertSeverity.CRITICAL, DECLARED);
    }

    private static IncidentEvent alertAttached(UUID id, int minute) {
        return new IncidentEvent.AlertAttached(ID, id, "checkout/" + id, "High error rate", AlertSeverity.CRITICAL,
                "declaration-policy", at(minute));
    }

    @Nested
    class Severity {

        @Test
        void changes_with_a_reason() {
            var outcome = incident().given(declared())
                    .when(new ChangeSeverity(IncidentSeverity.SEV2, "customers affected", "sam", null, at(5)))
                    .then(new IncidentEvent.SeverityChanged(ID, IncidentSeverity.SEV3, IncidentSeverity.SEV2,
                            "customers affected", "sam", at(5)));
            assertThat(outcome.state().severity()).isEqualTo(IncidentSeverity.SEV2);
        }

        @Test
        void needs_a_reason() {
            incident().given(declared())
                    .when(new ChangeSeverity(IncidentSeverity.SEV2, "  ", "sam", null, at(5)))
                    .thenInvalid("reason");
            incident().given(declared())
                    .when(new ChangeSeverity(IncidentSeverity.SEV2, null, "sam", null, at(5)))
                    .thenInvalid("reason");
        }

        @Test
        void needs_a_target() {
            incident().given(declared())
                    .when(new ChangeSeverity(null, "why", "sam", null, at(5)))
                    .thenInvalid("to");
        }

        @Test
        void refuses_a_change_to_the_same_severity() {
            incident().given(declared())
                    .when(new ChangeSeverity(IncidentSeverity.SEV3, "still bad", "sam", null, at(5)))
                    .thenRuleViolation("incident INC-7 is already SEV3");
        }

        @Test
        void can_still_change_after_resolution_until_closed() {
            incident().given(historyOf(IncidentStatus.RESOLVED))
                    .when(new ChangeSeverity(IncidentSeverity.SEV4, "impact was smaller", "kim", null, at(500)))
                    .then(new IncidentEvent.SeverityChanged(ID, IncidentSeverity.SEV3, IncidentSeverity.SEV4,
                            "impact was smaller", "kim", at(500)));
        }
    }

    @Nested
    class Roles {

        @Test
        void are_assigned_and_replaced_with_who_assigned_them() {
            var first = incident().given(declared())
                    .when(new AssignRole(IncidentRole.COMMANDER, "sam", "alex", null, at(1)))
                    .then(new IncidentEvent.RoleAssigned(ID, IncidentRole.COMMANDER, "sam", null, "alex", at(1)));
            assertThat(first.state().commander()).isEqualTo("sam");

            var replaced = incident()
                    .given(declared(), new IncidentEvent.RoleAssigned(ID, IncidentRole.COMMANDER, "sam", null, "alex", at(1)))
                    .when(new AssignRole(IncidentRole.COMMANDER, "kim", "kim", null, at(60)))
                    .then(new IncidentEvent.RoleAssigned(ID, IncidentRole.COMMANDER, "kim", "sam", "kim", at(60)));
            assertThat(replaced.state().commander()).isEqualTo("kim");
        }

        @Test
        void each_role_has_its_own_holder() {
            IncidentState state = incident().given(declared(),
                    new IncidentEvent.RoleAssigned(ID, IncidentRole.COMMANDER, "sam", null, "alex", at(1)),
                    new IncidentEvent.RoleAssigned(ID, IncidentRole.COMMUNICATIONS_LEAD, "lee", null, "sam", at(2)),
                    new IncidentEvent.RoleAssigned(ID, IncidentRole.SCRIBE, "pat", null, "sam", at(3))).state();
            assertThat(state.commander()).isEqualTo("sam");
            assertThat(state.communicationsLead()).isEqualTo("lee");
            assertThat(state.scribe()).isEqualTo("pat");
            assertThat(state.holderOf(IncidentRole.SCRIBE)).isEqualTo("pat");
        }

        @Test
        void assigning_the_current_holder_again_changes_nothing() {
            incident().given(declared(), new IncidentEvent.RoleAssigned(ID, IncidentRole.SCRIBE, "pat", null, "sam", at(3)))
                    .when(new AssignRole(IncidentRole.SCRIBE, "pat", "sam", null, at(4)))
                    .thenNothing();
        }

        @Test
        void the_declared_commander_holds_the_role() {
            var declaredWithCommander = new IncidentEvent.Declared(ID, "INC-7", "Checkout failing",
                    IncidentSeverity.SEV3, "checkout", "sam", "alex", DECLARED, DECLARED, DeclarationSource.MANUAL);
            incident().given(declaredWithCommander)
                    .when(new AssignRole(IncidentRole.COMMANDER, "sam", "alex", null, at(1)))
                    .thenNothing();
        }

        @Test
        void need_a_role_and_a_person() {
            incident().given(declared()).when(new AssignRole(null, "sam", "alex", null, at(1))).thenInvalid("role");
            incident().given(declared()).when(new AssignRole(IncidentRole.SCRIBE, "", "alex", null, at(1)))
                    .thenInvalid("person");
        }
    }

    @Nested
    class Responders {

        @Test
        void join_once() {
            var outcome = incident().given(declared())
                    .when(new JoinAsResponder("sam", "sam", null, at(2)))
                    .then(new IncidentEvent.ResponderJoined(ID, "sam", "sam", at(2)));
            assertThat(outcome.state().responders()).containsExactly("sam");

            incident().given(declared(), new IncidentEvent.ResponderJoined(ID, "sam", "sam", at(2)))
                    .when(new JoinAsResponder("sam", "alex", null, at(3)))
                    .thenNothing();
        }

        @Test
        void keep_their_joining_order() {
            IncidentState state = incident().given(declared(),
                    new IncidentEvent.ResponderJoined(ID, "sam", "sam", at(2)),
                    new IncidentEvent.ResponderJoined(ID, "kim", "sam", at(3))).state();
            assertThat(state.responders()).containsExactly("sam", "kim");
        }
    }

    @Nested
    class Notes {

        @Test
        void are_added_with_their_author() {
            var outcome = incident().given(declared())
                    .when(new AddNote(NOTE, "Rolled back deploy 142", "sam", null, at(12)))
                    .then(new IncidentEvent.NoteAdded(ID, NOTE, "Rolled back deploy 142", "sam", at(12)));
            assertThat(outcome.state().notes()).isEqualTo(1);
        }

        @Test
        void may_be_back_dated_even_before_the_declaration() {
            incident().given(declared())
                    .when(new AddNote(NOTE, "Latency rose at 09:50", "sam", DECLARED.minusSeconds(600), at(12)))
                    .then(new IncidentEvent.NoteAdded(ID, NOTE, "Latency rose at 09:50", "sam",
                            DECLARED.minusSeconds(600)));
        }

        @Test
        void cannot_be_dated_in_the_future() {
            incident().given(declared())
                    .when(new AddNote(NOTE, "From the future", "sam", at(13), at(12)))
                    .thenInvalid("occurredAt");
        }

        @Test
        void need_text_an_id_and_an_author() {
            incident().given(declared()).when(new AddNote(NOTE, " ", "sam", null, at(12))).thenInvalid("text");
            incident().given(declared()).when(new AddNote(NOTE, "x".repeat(10_001), "sam", null, at(12)))
                    .thenInvalid("text");
            incident().given(declared()).when(new AddNote(null, "text", "sam", null, at(12))).thenInvalid("noteId");
            incident().given(declared()).when(new AddNote(NOTE, "text", null, null, at(12))).thenInvalid("actor");
        }
    }

    @Nested
    class CustomerImpact {

        @Test
        void is_set_and_replaced() {
            var outcome = incident().given(declared())
                    .when(new UpdateImpact("Some card payments fail", "lee", null, at(8)))
                    .then(new IncidentEvent.ImpactUpdated(ID, "Some card payments fail", "lee", at(8)));
            assertThat(outcome.state().impact()).isEqualTo("Some card payments fail");

            var replaced = incident()
                    .given(declared(), new IncidentEvent.ImpactUpdated(ID, "Some card payments fail", "lee", at(8)))
                    .when(new UpdateImpact("All card payments fail", "lee", null, at(9)));
            assertThat(replaced.state().impact()).isEqualTo("All card payments fail");
        }

        @Test
        void the_same_statement_again_changes_nothing() {
            incident().given(declared(), new IncidentEvent.ImpactUpdated(ID, "Some card payments fail", "lee", at(8)))
                    .when(new UpdateImpact("Some card payments fail", "lee", null, at(9)))
                    .thenNothing();
        }

        @Test
        void needs_text() {
            incident().given(declared()).when(new UpdateImpact("", "lee", null, at(9))).thenInvalid("statement");
        }
    }

    @Nested
    class Links {

        @Test
        void are_added_once_per_url() {
            var outcome = incident().given(declared())
                    .when(new AddLink("https://grafana.example.com/d/checkout", "Checkout dashboard", "sam", null, at(3)))
                    .then(new IncidentEvent.LinkAdded(ID, "https://grafana.example.com/d/checkout",
                            "Checkout dashboard", "sam", at(3)));
            assertThat(outcome.state().links())
                    .containsExactly(new IncidentLink("https://grafana.example.com/d/checkout", "Checkout dashboard"));

            incident().given(declared(), new IncidentEvent.LinkAdded(ID, "https://grafana.example.com/d/checkout",
                            "Checkout dashboard", "sam", at(3)))
                    .when(new AddLink("https://grafana.example.com/d/checkout", "Again", "kim", null, at(4)))
                    .thenNothing();
        }

        @Test
        void without_a_title_show_their_url() {
            incident().given(declared())
                    .when(new AddLink("http://status.example.com", null, "sam", null, at(3)))
                    .then(new IncidentEvent.LinkAdded(ID, "http://status.example.com", "http://status.example.com",
                            "sam", at(3)));
        }

        @Test
        void need_an_absolute_web_address() {
            for (String url : List.of("", "status page", "ftp://files.example.com/x", "/relative", "https://")) {
                incident().given(declared()).when(new AddLink(url, "t", "sam", null, at(3))).thenInvalid("url");
            }
        }
    }

    @Nested
    class Alerts {

        /** Whether an alert is attached once is its own stream's decision (AlertTest); the incident counts them. */
        @Test
        void are_counted_as_they_are_attached() {
            var outcome = incident().given(declared())
                    .when(new AttachAlert(alert(ALERT_1), "declaration-policy", null, at(5)))
                    .then(alertAttached(ALERT_1, 5));
            assertThat(outcome.state().alertCount()).isEqualTo(1);

            var second = incident().given(declared(), alertAttached(ALERT_1, 5))
                    .when(new AttachAlert(alert(ALERT_2), "declaration-policy", null, at(6)))
                    .then(alertAttached(ALERT_2, 6));
            assertThat(second.state().alertCount()).isEqualTo(2);
        }

        @Test
        void all_resolved_is_a_timeline_entry_and_by_default_the_incident_stays_open() {
            var outcome = incident().given(declared(), alertAttached(ALERT_1, 1), alertAttached(ALERT_2, 2))
                    .when(new RecordAllAlertsResolved(false, "alerting", null, at(30)))
                    .then(new IncidentEvent.AlertsAllResolved(ID, 2, "alerting", at(30)));
            assertThat(outcome.state().status()).isEqualTo(IncidentStatus.INVESTIGATING);
            assertThat(outcome.state().allAlertsResolvedAt()).isEqualTo(at(30));
        }

        @Test
        void all_resolved_resolves_the_incident_when_the_policy_says_so() {
            incident().given(declared(), alertAttached(ALERT_1, 1))
                    .when(new RecordAllAlertsResolved(true, "alerting", null, at(30)))
                    .then(new IncidentEvent.AlertsAllResolved(ID, 1, "alerting", at(30)),
                            new IncidentEvent.Resolved(ID, Incident.ALL_ALERTS_RESOLVED, "alerting", at(30)));
        }

        @Test
        void all_resolved_does_not_resolve_an_incident_already_resolved() {
            incident().given(declared(), alertAttached(ALERT_1, 1), resolved(20))
                    .when(new RecordAllAlertsResolved(true, "alerting", null, at(30)))
                    .then(new IncidentEvent.AlertsAllResolved(ID, 1, "alerting", at(30)));
        }

        @Test
        void an_automatic_resolution_is_never_dated_before_the_mitigation() {
            incident().given(declared(), alertAttached(ALERT_1, 1), mitigated(20))
                    .when(new RecordAllAlertsResolved(true, "alerting", at(15), at(30)))
                    .then(new IncidentEvent.AlertsAllResolved(ID, 1, "alerting", at(15)),
                            new IncidentEvent.Resolved(ID, Incident.ALL_ALERTS_RESOLVED, "alerting", at(20)));
        }

        @Test
        void all_resolved_is_recorded_once_until_another_alert_is_attached() {
            IncidentEvent allResolved = new IncidentEvent.AlertsAllResolved(ID, 1, "alerting", at(30));
            incident().given(declared(), alertAttached(ALERT_1, 1), allResolved)
                    .when(new RecordAllAlertsResolved(false, "alerting", null, at(31)))
                    .thenNothing();
            incident().given(declared(), alertAttached(ALERT_1, 1), allResolved, alertAttached(ALERT_2, 40))
                    .when(new RecordAllAlertsResolved(false, "alerting", null, at(50)))
                    .then(new IncidentEvent.AlertsAllResolved(ID, 2, "alerting", at(50)));
        }

        @Test
        void all_resolved_says_nothing_for_an_incident_without_alerts() {
            incident().given(declared())
                    .when(new RecordAllAlertsResolved(true, "alerting", null, at(30)))
                    .thenNothing();
        }
    }

    /** A closed incident refuses every change, with the reason spelled out. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("changesToAClosedIncident")
    void a_closed_incident_refuses_changes(String change, IncidentCommand command, String refusal) {
        incident().given(historyOf(IncidentStatus.CLOSED)).when(command)
                .thenRuleViolation("incident INC-7 is CLOSED; " + refusal);
    }

    static Stream<Arguments> changesToAClosedIncident() {
        return Stream.of(
                Arguments.of("severity", new ChangeSeverity(IncidentSeverity.SEV1, "worse", "sam", null, at(700)),
                        "the severity of a closed incident cannot change"),
                Arguments.of("role", new AssignRole(IncidentRole.SCRIBE, "pat", "sam", null, at(700)),
                        "roles cannot be assigned on a closed incident"),
                Arguments.of("responder", new JoinAsResponder("pat", "pat", null, at(700)),
                        "responders cannot join a closed incident"),
                Arguments.of("note", new AddNote(NOTE, "late thought", "pat", null, at(700)),
                        "notes cannot be added to a closed incident"),
                Arguments.of("impact", new UpdateImpact("none", "pat", null, at(700)),
                        "the impact of a closed incident cannot change"),
                Arguments.of("link", new AddLink("https://example.com", null, "pat", null, at(700)),
                        "links cannot be added to a closed incident"),
                Arguments.of("alert", new AttachAlert(alert(ALERT_1), "declaration-policy", null, at(700)),
                        "alerts cannot be attached to a closed incident"),
                Arguments.of("alerts resolved", new RecordAllAlertsResolved(false, "alerting", null, at(700)),
                        "alert resolutions are no longer recorded on a closed incident"));
    }

    /** Apart from lifecycle rules, the response can go on in every status but CLOSED. */
    @ParameterizedTest
    @EnumSource(value = IncidentStatus.class, names = {"INVESTIGATING", "MITIGATED", "RESOLVED"})
    void the_response_goes_on_until_closed(IncidentStatus status) {
        incident().given(historyOf(status)).when(new AddNote(NOTE, "still watching", "sam", null, at(700)))
                .then(new IncidentEvent.NoteAdded(ID, NOTE, "still watching", "sam", at(700)));
        incident().given(historyOf(status)).when(new JoinAsResponder("pat", "pat", null, at(700)))
                .then(new IncidentEvent.ResponderJoined(ID, "pat", "pat", at(700)));
    }
}
