package dev.incidentlifecycle.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.incidentlifecycle.eventsourcing.Decider;
import dev.incidentlifecycle.eventsourcing.InvalidCommand;
import dev.incidentlifecycle.eventsourcing.RuleViolation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Given past events, when a command is decided, then these events (or this refusal). */
public final class Scenario<C, S, E> {

    private final Decider<C, S, E> decider;
    private final List<E> history = new ArrayList<>();

    private Scenario(Decider<C, S, E> decider) {
        this.decider = decider;
    }

    public static <C, S, E> Scenario<C, S, E> of(Decider<C, S, E> decider) {
        return new Scenario<>(decider);
    }

    @SafeVarargs
    public final Scenario<C, S, E> given(E... events) {
        history.addAll(Arrays.asList(events));
        return this;
    }

    public Scenario<C, S, E> given(List<? extends E> events) {
        history.addAll(events);
        return this;
    }

    public S state() {
        return decider.fold(history);
    }

    public Outcome when(C command) {
        try {
            return new Outcome(decider.decide(command, state()), null);
        } catch (RuleViolation | InvalidCommand refusal) {
            return new Outcome(null, refusal);
        }
    }

    public final class Outcome {
        private final List<E> events;
        private final RuntimeException refusal;

        private Outcome(List<E> events, RuntimeException refusal) {
            this.events = events;
            this.refusal = refusal;
        }

        @SafeVarargs
        public final Outcome then(E... expected) {
            assertThat(decided()).containsExactly(expected);
            return this;
        }

        public Outcome thenNothing() {
            assertThat(decided()).isEmpty();
            return this;
        }

        public List<E> events() {
            return decided();
        }

        /** The state after the decided events. */
        public S state() {
            List<E> all = new ArrayList<>(history);
            all.addAll(decided());
            return decider.fold(all);
        }

        public Outcome thenRuleViolation(String message) {
            assertThat(refusal).as("refusal").isInstanceOf(RuleViolation.class);
            assertThat(refusal.getMessage()).isEqualTo(message);
            return this;
        }

        public Outcome thenRuleViolationContaining(String part) {
            assertThat(refusal).as("refusal").isInstanceOf(RuleViolation.class);
            assertThat(refusal.getMessage()).contains(part);
            return this;
        }

        public Outcome thenInvalid(String field) {
            assertThat(refusal).as("refusal").isInstanceOf(InvalidCommand.class);
            assertThat(((InvalidCommand) refusal).field()).isEqualTo(field);
            return this;
        }

        private List<E> decided() {
            if (refusal != null) {
                fail("expected events but the command was refused: " + refusal);
            }
            return events;
        }
    }
}
