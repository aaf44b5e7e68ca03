package dev.incidentlifecycle.eventstore;

import dev.incidentlifecycle.eventstore.tally.Tallies;
import dev.incidentlifecycle.eventstore.tally.Tally;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Names, versions and upcasting of events: plain code, no infrastructure. */
class EventCodecTest {

    final EventCodec<Tally.Event> codec = Tallies.TYPE.codec();

    @Test
    void every_event_has_its_type_name_and_current_version() {
        assertThat(codec.typeOf(new Tally.Added(1))).isEqualTo("tally.added");
        assertThat(codec.typeOf(new Tally.Closed())).isEqualTo("tally.closed");
        assertThat(codec.versionOf("tally.added")).isEqualTo(2);
        assertThat(codec.versionOf("tally.closed")).isEqualTo(1);
    }

    @Test
    void an_event_reads_back_as_written() {
        assertThat(codec.decode("tally.added", 2, codec.encode(new Tally.Added(42)))).isEqualTo(new Tally.Added(42));
    }

    @Test
    void an_older_payload_version_is_upcast_before_it_is_read() {
        assertThat(codec.decode("tally.added", 1, "{\"count\": 7}")).isEqualTo(new Tally.Added(7));
    }

    @Test
    void fields_added_by_a_newer_writer_are_ignored() {
        assertThat(codec.decode("tally.added", 2, "{\"amount\": 3, \"addedBy\": \"a newer version\"}")).isEqualTo(new Tally.Added(3));
    }

    @Test
    void an_unknown_type_is_refused() {
        assertThatThrownBy(() -> codec.decode("tally.exploded", 1, "{}")).hasMessageContaining("unknown event type tally.exploded");
    }

    @Test
    void a_sealed_event_type_with_an_unregistered_event_does_not_build() {
        assertThatThrownBy(() -> EventCodec.of(Tally.Event.class).event("tally.added", Tally.Added.class).build())
                .hasMessageContaining("Closed");
    }

    @Test
    void a_fold_of_decided_events_is_the_aggregates_state() {
        Tally tally = new Tally();
        Tally.State state = tally.fold(List.of(new Tally.Added(2), new Tally.Added(3)));
        List<Tally.Event> decided = tally.decide(new Tally.Add(5), state);

        assertThat(decided).containsExactly(new Tally.Added(5));
        assertThat(tally.evolve(state, decided.get(0))).isEqualTo(new Tally.State(10, 3, false));
    }
}
