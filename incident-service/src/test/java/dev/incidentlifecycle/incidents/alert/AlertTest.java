package dev.incidentlifecycle.incidents.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentlifecycle.incidents.Scenario;
import dev.incidentlifecycle.incidents.alert.AlertCommand.AttachToIncident;
import dev.incidentlifecycle.incidents.alert.AlertSignal.Action;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AlertTest {

    private static final String KEY = "checkout/high-errors";
    private static final UUID FIRST = UUID.fromString("00000000-0000-4000-8000-0000000000a1");
    private static final UUID SECOND = UUID.fromString("00000000-0000-4000-8000-0000000000a2");
    private static final UUID INCIDENT = UUID.fromString("00000000-0000-4000-8000-0000000000c1");
    private static final UUID OTHER_INCIDENT = UUID.fromString("00000000-0000-4000-8000-0000000000c2");
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static Scenario<AlertCommand, AlertState, AlertEvent> alert() {
        return Scenario.of(new Alert());
    }

    private static AlertSignal signal(Action action, Instant timestamp) {
        return action == Action.TRIGGER
                ? new AlertSignal(action, KEY, "High error rate", "web-1", AlertSeverity.CRITICAL, timestamp,
                        "checkout", "prod", "http", Map.of("rate", 0.12), List.of(new AlertLink("https://g/x", "Graph")),
                        "Prometheus", "https://prom", "checkout")
                : new AlertSignal(action, KEY, null, null, null, timestamp, null, null, null, null, null, null,
                        null, null);
    }

    private static AlertCommand trigger(UUID newAlertId, int at) {
        return new AlertCommand.Trigger(signal(Action.TRIGGER, null), newAlertId, t(at));
    }

    private static AlertCommand acknowledge(int at) {
        return new AlertCommand.Acknowledge(signal(Action.ACKNOWLEDGE, null), t(at));
    }

    private static AlertCommand resolve(int at) {
        return new AlertCommand.Resolve(signal(Action.RESOLVE, null), t(at));
    }

    private static AlertEvent.Triggered triggered(UUID alertId, int at) {
        return new AlertEvent.Triggered(alertId, KEY, AlertSeverity.CRITICAL, "High error rate", "web-1", "checkout",
                "checkout", "prod", "http", Map.of("rate", 0.12), List.of(new AlertLink("https://g/x", "Graph")),
                "Prometheus", "https://prom", t(at), t(at));
    }

    private static AlertEvent repeated(UUID alertId, long occurrences, int at) {
        return new AlertEvent.Repeated(alertId, KEY, occurrences, t(at));
    }

    private static AlertEvent acknowledged(UUID alertId, int at) {
        return new AlertEvent.Acknowledged(alertId, KEY, null, t(at));
    }

    private static AlertEvent resolved(UUID alertId, int at) {
        return new AlertEvent.Resolved(alertId, KEY, null, t(at));
    }

    @Nested
    class Triggering {

        @Test
        void the_first_trigger_opens_an_alert() {
            var outcome = alert().when(trigger(FIRST, 0)).then(triggered(FIRST, 0));
            AlertState state = outcome.state();
            assertThat(state.alertId()).isEqualTo(FIRST);
            assertThat(state.status()).isEqualTo(AlertStatus.TRIGGERED);
            assertThat(state.occurrences()).isEqualTo(1);
            assertThat(state.service()).isEqualTo("checkout");
            assertThat(state.alertsOpened()).isEqualTo(1);
        }

        @Test
        void a_trigger_while_open_is_the_same_alert_counted_again() {
            var outcome = alert().given(triggered(FIRST, 0))
                    .when(trigger(SECOND, 60))
                    .then(repeated(FIRST, 2, 60));
            assertThat(outcome.state().alertId()).isEqualTo(FIRST);
            assertThat(outcome.state().occurrences()).isEqualTo(2);
            assertThat(outcome.state().lastTriggerAt()).isEqualTo(t(60));
            assertThat(outcome.state().triggeredAt()).isEqualTo(t(0));
        }

        @Test
        void a_trigger_while_acknowledged_is_still_the_same_alert_and_stays_acknowledged() {
            var outcome = alert().given(triggered(FIRST, 0), repeated(FIRST, 2, 30), acknowledged(FIRST, 40))
                    .when(trigger(SECOND, 60))
                    .then(repeated(FIRST, 3, 60));
            assertThat(outcome.state().status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
        }

        @Test
        void a_trigger_after_resolve_opens_a_new_alert() {
            var outcome = alert().given(triggered(FIRST, 0), repeated(FIRST, 2, 30), resolved(FIRST, 100))
                    .when(trigger(SECOND, 200))
                    .then(triggered(SECOND, 200));
            AlertState state = outcome.state();
            assertThat(state.alertId()).isEqualTo(SECOND);
            assertThat(state.occurrences()).isEqualTo(1);
            assertThat(state.status()).isEqualTo(AlertStatus.TRIGGERED);
            assertThat(state.resolvedAt()).isNull();
            assertThat(state.incidentId()).isNull();
            assertThat(state.alertsOpened()).isEqualTo(2);
        }

        @Test
        void a_repeat_changes_nothing_but_the_count() {
            AlertSignal louder = new AlertSignal(Action.TRIGGER, KEY, "Different summary", "web-2",
                    AlertSeverity.INFO, null, null, null, null, null, null, null, null, "other");
            var outcome = alert().given(triggered(FIRST, 0))
                    .when(new AlertCommand.Trigger(louder, SECOND, t(5)))
                    .then(repeated(FIRST, 2, 5));
            assertThat(outcome.state().summary()).isEqualTo("High error rate");
            assertThat(outcome.state().severity()).isEqualTo(AlertSeverity.CRITICAL);
        }

        @Test
        void twenty_thousand_triggers_make_one_alert_with_twenty_thousand_occurrences() {
            Alert decider = new Alert();
            AlertState state = decider.initialState();
            for (int i = 0; i < 20_000; i++) {
                for (AlertEvent event : decider.decide(trigger(UUID.randomUUID(), i), state)) {
                    state = decider.evolve(state, event);
                }
            }
            assertThat(state.occurrences()).isEqualTo(20_000);
            assertThat(state.alertsOpened()).isEqualTo(1);
        }

        @Test
        void the_senders_timestamp_is_when_it_started_unless_it_is_later_than_its_arrival() {
            var earlier = alert().when(new AlertCommand.Trigger(signal(Action.TRIGGER, t(-30)), FIRST, t(0)));
            assertThat(((AlertEvent.Triggered) earlier.events().get(0)).triggeredAt()).isEqualTo(t(-30));
            assertThat(((AlertEvent.Triggered) earlier.events().get(0)).receivedAt()).isEqualTo(t(0));

            var skewed = alert().when(new AlertCommand.Trigger(signal(Action.TRIGGER, t(30)), FIRST, t(0)));
            assertThat(((AlertEvent.Triggered) skewed.events().get(0)).triggeredAt()).isEqualTo(t(0));
        }
    }

    @Nested
    class AcknowledgingAndResolving {

        @Test
        void acknowledge_an_open_alert() {
            var outcome = alert().given(triggered(FIRST, 0)).when(acknowledge(10)).then(acknowledged(FIRST, 10));
            assertThat(outcome.state().status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
            assertThat(outcome.state().acknowledgedAt()).isEqualTo(t(10));
        }

        @Test
        void acknowledging_twice_changes_nothing() {
            alert().given(triggered(FIRST, 0), acknowledged(FIRST, 10)).when(acknowledge(20)).thenNothing();
        }

        @Test
        void resolve_a_triggered_or_acknowledged_alert() {
            var outcome = alert().given(triggered(FIRST, 0)).when(resolve(50)).then(resolved(FIRST, 50));
            assertThat(outcome.state().status()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(outcome.state().hasOpenAlert()).isFalse();
            alert().given(triggered(FIRST, 0), acknowledged(FIRST, 10)).when(resolve(50)).then(resolved(FIRST, 50));
        }

        @Test
        void acknowledge_or_resolve_of_an_unknown_key_yields_nothing() {
            alert().when(acknowledge(0)).thenNothing();
            alert().when(resolve(0)).thenNothing();
        }

        @Test
        void acknowledge_or_resolve_of_a_resolved_alert_yields_nothing() {
            alert().given(triggered(FIRST, 0), resolved(FIRST, 50)).when(acknowledge(60)).thenNothing();
            alert().given(triggered(FIRST, 0), resolved(FIRST, 50)).when(resolve(60)).thenNothing();
        }

        @Test
        void they_name_the_incident_the_alert_is_attached_to() {
            alert().given(triggered(FIRST, 0), new AlertEvent.AttachedToIncident(FIRST, KEY, INCIDENT, t(1)))
                    .when(resolve(50))
                    .then(new AlertEvent.Resolved(FIRST, KEY, INCIDENT, t(50)));
        }

        @Test
        void the_senders_time_is_kept_between_the_alerts_start_and_the_arrival() {
            alert().given(triggered(FIRST, 0))
                    .when(new AlertCommand.Resolve(signal(Action.RESOLVE, t(40)), t(50)))
                    .then(resolved(FIRST, 40));
            alert().given(triggered(FIRST, 0))
                    .when(new AlertCommand.Resolve(signal(Action.RESOLVE, t(-40)), t(50)))
                    .then(resolved(FIRST, 0));
            alert().given(triggered(FIRST, 0))
                    .when(new AlertCommand.Resolve(signal(Action.RESOLVE, t(90)), t(50)))
                    .then(resolved(FIRST, 50));
        }
    }

    @Nested
    class AttachingToAnIncident {

        @Test
        void attaches_the_current_alert() {
            var outcome = alert().given(triggered(FIRST, 0))
                    .when(new AttachToIncident(FIRST, INCIDENT, t(2)))
                    .then(new AlertEvent.AttachedToIncident(FIRST, KEY, INCIDENT, t(2)));
            assertThat(outcome.state().incidentId()).isEqualTo(INCIDENT);
        }

        @Test
        void attaching_again_to_the_same_incident_changes_nothing() {
            alert().given(triggered(FIRST, 0), new AlertEvent.AttachedToIncident(FIRST, KEY, INCIDENT, t(2)))
                    .when(new AttachToIncident(FIRST, INCIDENT, t(3)))
                    .thenNothing();
        }

        @Test
        void an_alert_belongs_to_one_incident() {
            alert().given(triggered(FIRST, 0), new AlertEvent.AttachedToIncident(FIRST, KEY, INCIDENT, t(2)))
                    .when(new AttachToIncident(FIRST, OTHER_INCIDENT, t(3)))
                    .thenRuleViolation("alert " + FIRST + " is already attached to incident " + INCIDENT);
        }

        @Test
        void only_the_current_alert_of_the_key_can_be_attached() {
            alert().given(triggered(FIRST, 0), resolved(FIRST, 5), triggered(SECOND, 9))
                    .when(new AttachToIncident(FIRST, INCIDENT, t(10)))
                    .thenRuleViolation("alert " + FIRST + " is not the current alert of dedup key " + KEY);
            alert().when(new AttachToIncident(FIRST, INCIDENT, t(10)))
                    .thenRuleViolationContaining("is not the current alert");
        }

        @Test
        void a_resolved_alert_can_still_be_attached() {
            alert().given(triggered(FIRST, 0), resolved(FIRST, 5))
                    .when(new AttachToIncident(FIRST, INCIDENT, t(10)))
                    .then(new AlertEvent.AttachedToIncident(FIRST, KEY, INCIDENT, t(10)));
        }
    }

    @Nested
    class Commands {

        @Test
        void follow_the_signals_action() {
            assertThat(AlertCommand.from(signal(Action.TRIGGER, null), FIRST, T0))
                    .isEqualTo(new AlertCommand.Trigger(signal(Action.TRIGGER, null), FIRST, T0));
            assertThat(AlertCommand.from(signal(Action.ACKNOWLEDGE, null), FIRST, T0))
                    .isEqualTo(new AlertCommand.Acknowledge(signal(Action.ACKNOWLEDGE, null), T0));
            assertThat(AlertCommand.from(signal(Action.RESOLVE, null), FIRST, T0))
                    .isEqualTo(new AlertCommand.Resolve(signal(Action.RESOLVE, null), T0));
        }

        @Test
        void a_signal_for_another_key_or_the_wrong_action_is_refused() {
            AlertSignal otherKey = new AlertSignal(Action.RESOLVE, "other", null, null, null, null, null, null,
                    null, null, null, null, null, null);
            alert().given(triggered(FIRST, 0)).when(new AlertCommand.Resolve(otherKey, t(1))).thenInvalid("dedupKey");
            alert().when(new AlertCommand.Resolve(signal(Action.TRIGGER, null), t(1))).thenInvalid("action");
        }

        @Test
        void the_stream_is_named_after_the_dedup_key() {
            assertThat(Alert.streamId(KEY)).isEqualTo("alert-checkout/high-errors");
        }
    }
}
