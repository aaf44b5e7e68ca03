package dev.incidentlifecycle.eventsourcing;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeciderTest {

    /** A pager that can be paged until it is silenced. */
    static final class Pager implements Decider<String, Integer, String> {
        @Override
        public Integer initialState() {
            return 0;
        }

        @Override
        public Integer evolve(Integer pages, String event) {
            return event.equals("silenced") ? -1 : pages + 1;
        }

        @Override
        public List<String> decide(String command, Integer pages) {
            if (pages < 0) {
                throw new RuleViolation("the pager is silenced");
            }
            if (command.isBlank()) {
                throw new InvalidCommand("command", "say what to do");
            }
            return command.equals("silence") ? List.of("silenced") : List.of("paged");
        }
    }

    @Test
    void folding_no_events_gives_the_initial_state() {
        assertThat(new Pager().fold(List.of())).isZero();
    }

    @Test
    void folding_applies_every_event_in_order() {
        assertThat(new Pager().fold(List.of("paged", "paged", "paged"))).isEqualTo(3);
        assertThat(new Pager().fold(List.of("paged", "silenced"))).isEqualTo(-1);
        assertThat(new Pager().fold(List.of("silenced", "paged"))).isZero();
    }

    @Test
    void given_past_events_when_a_command_is_decided_then_its_events_follow_from_the_folded_state() {
        Pager pager = new Pager();
        Integer state = pager.fold(List.of("paged"));

        assertThat(pager.decide("page", state)).containsExactly("paged");
        assertThat(pager.decide("silence", state)).containsExactly("silenced");
        assertThatThrownBy(() -> pager.decide("page", pager.fold(List.of("silenced"))))
                .isInstanceOf(RuleViolation.class).hasMessage("the pager is silenced");
        assertThatThrownBy(() -> pager.decide(" ", state))
                .isInstanceOf(InvalidCommand.class)
                .satisfies(e -> assertThat(((InvalidCommand) e).field()).isEqualTo("command"));
    }
}
