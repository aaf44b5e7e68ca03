package dev.incidentlifecycle.web;

import dev.incidentlifecycle.eventsourcing.InvalidCommand;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageRequestTest {

    @Test
    void sizes_are_capped_and_defaulted() {
        assertThat(PageRequest.of(null, null)).isEqualTo(new PageRequest(0, PageRequest.DEFAULT_SIZE));
        assertThat(PageRequest.of(2, 10_000)).isEqualTo(new PageRequest(2, PageRequest.MAX_SIZE));
    }

    @Test
    void a_page_whose_offset_would_overflow_is_refused_naming_the_bound() {
        assertThatThrownBy(() -> PageRequest.of(Integer.MAX_VALUE, 200)).isInstanceOf(InvalidCommand.class)
                .hasMessageContaining("page must be from 0 to 1000000");
        assertThat(PageRequest.of(PageRequest.MAX_PAGE, PageRequest.MAX_SIZE).offset()).isEqualTo(200_000_000);
        assertThatThrownBy(() -> PageRequest.of(-1, 10)).isInstanceOf(InvalidCommand.class);
        assertThatThrownBy(() -> PageRequest.of(0, 0)).isInstanceOf(InvalidCommand.class);
    }
}
