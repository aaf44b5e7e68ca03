package dev.incidentlifecycle.web;

import dev.incidentlifecycle.eventsourcing.InvalidCommand;
import dev.incidentlifecycle.eventstore.ExpectedVersion;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersionsTest {

    @Test
    void if_match_states_the_version_in_any_etag_form() {
        assertThat(Versions.expected("\"7\"")).isEqualTo(7);
        assertThat(Versions.expected("W/\"7\"")).isEqualTo(7);
        assertThat(Versions.expected("7")).isEqualTo(7);
        assertThat(Versions.expected(null)).isEqualTo(ExpectedVersion.ANY);
        assertThat(Versions.expected("*")).isEqualTo(ExpectedVersion.ANY);
        assertThat(Versions.etag(7).getValue()).isEqualTo("7");
    }

    @Test
    void an_if_match_that_is_not_a_version_is_an_invalid_request() {
        assertThatThrownBy(() -> Versions.expected("\"abc\"")).isInstanceOf(InvalidCommand.class).hasMessageContaining("ETag");
        assertThatThrownBy(() -> Versions.expected("-1")).isInstanceOf(InvalidCommand.class);
    }

    @Test
    void pages_are_bounded() {
        assertThat(PageRequest.of(null, null)).isEqualTo(new PageRequest(0, PageRequest.DEFAULT_SIZE));
        assertThat(PageRequest.of(2, 10_000).size()).isEqualTo(PageRequest.MAX_SIZE);
        assertThat(PageRequest.of(3, 20).offset()).isEqualTo(60);
        assertThatThrownBy(() -> PageRequest.of(-1, 10)).isInstanceOf(InvalidCommand.class);
        assertThatThrownBy(() -> PageRequest.of(0, 0)).isInstanceOf(InvalidCommand.class);
    }

    @Test
    void secrets_match_only_a_configured_key() {
        assertThat(IntegrationKeys.matches("k-1", List.of("k-0", "k-1"))).isTrue();
        assertThat(IntegrationKeys.matches("k-2", List.of("k-0", "k-1"))).isFalse();
        assertThat(IntegrationKeys.matches(null, List.of("k-0"))).isFalse();
        assertThat(IntegrationKeys.matches("", List.of(""))).isFalse();
    }
}
