package dev.incidentlifecycle.eventstore.relay;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogPositionTest {

    @Test
    void positions_order_by_transaction_as_a_number_then_by_sequence() {
        List<LogPosition> positions = new ArrayList<>(List.of(
                LogPosition.parse("10000:5"), LogPosition.parse("9999:7"), LogPosition.parse("9999:6"), LogPosition.START));
        positions.sort(null);
        assertThat(positions).containsExactly(LogPosition.START, new LogPosition(9999, 6), new LogPosition(9999, 7),
                new LogPosition(10000, 5));
    }

    @Test
    void the_header_form_reads_back_and_max_takes_the_later() {
        LogPosition position = new LogPosition(1354, 500);
        assertThat(LogPosition.parse(position.toString())).isEqualTo(position);
        assertThat(position.max(LogPosition.START)).isEqualTo(position);
        assertThat(LogPosition.START.max(position)).isEqualTo(position);
    }
}
