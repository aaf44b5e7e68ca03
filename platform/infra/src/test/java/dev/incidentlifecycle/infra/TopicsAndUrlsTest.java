package dev.incidentlifecycle.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class TopicsAndUrlsTest {

    @Test
    void the_standard_topics_have_their_partitions_and_each_a_single_partition_dead_letter_topic() {
        assertThat(Topics.STANDARD).containsExactly(
                entry("alerts", 6),
                entry("incident-events", 6),
                entry("review-events", 3),
                entry("action-item-events", 3),
                entry("changes", 3),
                entry("notification-events", 3),
                entry("alerts.dlq", 1),
                entry("incident-events.dlq", 1),
                entry("review-events.dlq", 1),
                entry("action-item-events.dlq", 1),
                entry("changes.dlq", 1));
        assertThat(Topics.deadLetter(Topics.ALERTS)).isEqualTo("alerts.dlq");
    }

    @Test
    void a_schema_is_selected_by_a_url_parameter_in_both_url_forms() {
        assertThat(DatabaseUrls.jdbcWithSchema("jdbc:postgresql://127.0.0.1:5432/db", "incident"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/db?currentSchema=incident");
        assertThat(DatabaseUrls.jdbcWithSchema("jdbc:postgresql://db:5432/db?sslmode=require", "review"))
                .isEqualTo("jdbc:postgresql://db:5432/db?sslmode=require&currentSchema=review");
        assertThat(DatabaseUrls.reactiveWithSchema("postgresql://127.0.0.1:5432/db", "actions"))
                .isEqualTo("postgresql://127.0.0.1:5432/db?search_path=actions");
        assertThat(DatabaseUrls.reactiveFromJdbc("jdbc:postgresql://db:5432/db?sslmode=require"))
                .isEqualTo("postgresql://db:5432/db");
    }
}
