package dev.incidentlifecycle.actions.actionitem;

import dev.incidentlifecycle.actions.sla.DueDateSla;
import dev.incidentlifecycle.eventsourcing.InvalidCommand;
import dev.incidentlifecycle.eventsourcing.RuleViolation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** given(past events) / when(command) / then(new events or a refusal), against the real decider. */
final class Scenario {

    static final ActionItemDecider DECIDER = new ActionItemDecider(DueDateSla.withDefaults());

    private final List<ActionItemEvent> history;

    private Scenario(List<ActionItemEvent> history) {
        this.history = history;
    }

    static Scenario given(ActionItemEvent... events) {
        return new Scenario(List.of(events));
    }

    When when(ActionItemCommand command) {
        return new When(history, command);
    }

    static final class When {
        private final List<ActionItemEvent> history;
        private final ActionItemCommand command;

        private When(List<ActionItemEvent> history, ActionItemCommand command) {
            this.history = history;
            this.command = command;
        }

        private List<ActionItemEvent> decided() {
            return DECIDER.decide(command, DECIDER.fold(history));
        }

        /** Asserts the exact new events and returns the state after them. */
        ActionItem then(ActionItemEvent... expected) {
            List<ActionItemEvent> events = decided();
            assertThat(events).containsExactly(expected);
            List<ActionItemEvent> all = new ArrayList<>(history);
            all.addAll(events);
            return DECIDER.fold(all);
        }

        void thenNothing() {
            assertThat(decided()).isEmpty();
        }

        void thenRuleViolation(String... messageParts) {
            assertThatThrownBy(this::decided)
                    .isInstanceOf(RuleViolation.class)
                    .satisfies(e -> assertThat(e.getMessage()).contains(Arrays.asList(messageParts)));
        }

        void thenInvalid(String field) {
            assertThatThrownBy(this::decided)
                    .isInstanceOfSatisfying(InvalidCommand.class, e -> assertThat(e.field()).isEqualTo(field));
        }
    }
}
