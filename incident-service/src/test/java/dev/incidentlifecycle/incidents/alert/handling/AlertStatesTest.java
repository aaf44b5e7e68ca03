package dev.incidentlifecycle.incidents.alert.handling;

import dev.incidentlifecycle.eventstore.Loaded;
import dev.incidentlifecycle.incidents.alert.AlertState;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlertStatesTest {

    private final AlertStates states = new AlertStates();

    @Test
    void a_state_is_used_only_by_the_partition_that_committed_it() {
        states.putAll(1, Map.of("disk-full", committed("disk-full", 3)));

        assertThat(states.get(1, "disk-full").version()).isEqualTo(3);
        assertThat(states.get(2, "disk-full")).isNull();
    }

    @Test
    void forgetting_a_partition_keeps_the_states_of_the_others() {
        states.putAll(1, Map.of("disk-full", committed("disk-full", 3)));
        states.putAll(2, Map.of("api-latency", committed("api-latency", 5)));

        states.forget(1);

        assertThat(states.get(1, "disk-full")).isNull();
        assertThat(states.get(2, "api-latency").version()).isEqualTo(5);
    }

    @Test
    void the_instance_keeps_at_most_its_bound_however_many_partitions_it_owns() {
        for (int partition = 0; partition < 6; partition++) {
            Map<String, Loaded<AlertState>> batch = new HashMap<>();
            for (int i = 0; i < AlertStates.MAX_KEYS / 2; i++) {
                String key = "p" + partition + "-" + i;
                batch.put(key, committed(key, 1));
            }
            states.putAll(partition, batch);
        }

        int kept = 0;
        for (int partition = 0; partition < 6; partition++) {
            for (int i = 0; i < AlertStates.MAX_KEYS / 2; i++) {
                kept += states.get(partition, "p" + partition + "-" + i) != null ? 1 : 0;
            }
        }
        assertThat(kept).isEqualTo(AlertStates.MAX_KEYS);
        // The latest partition's keys are the most recently used: all kept.
        assertThat(states.get(5, "p5-0")).isNotNull();
        assertThat(states.get(0, "p0-0")).isNull();
    }

    private static Loaded<AlertState> committed(String dedupKey, long version) {
        return new Loaded<>(dedupKey, AlertState.NONE, version);
    }
}
