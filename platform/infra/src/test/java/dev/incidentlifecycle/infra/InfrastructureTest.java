package dev.incidentlifecycle.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfrastructureTest {

    @TempDir
    Path folder;

    @Test
    void starts_both_servers_under_one_folder_with_the_database_and_its_role() throws Exception {
        try (Infrastructure infrastructure = Infrastructure.start(Infrastructure.Settings.freePorts(folder), Map.of())) {
            assertThat(infrastructure.embeddedKafka()).get()
                    .extracting(EmbeddedKafka::dataFolder).isEqualTo(folder.resolve("kafka").toAbsolutePath());
            assertThat(infrastructure.embeddedPostgres()).get()
                    .extracting(EmbeddedPostgres::dataFolder).isEqualTo(folder.resolve("postgres").toAbsolutePath());
            int pgPort = infrastructure.embeddedPostgres().orElseThrow().port();
            assertThat(infrastructure.environment()).containsExactly(
                    entry("KAFKA_BOOTSTRAP_SERVERS", infrastructure.embeddedKafka().orElseThrow().bootstrapServers()),
                    entry("DB_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + pgPort + "/incident_lifecycle"),
                    entry("DB_REACTIVE_URL", "postgresql://127.0.0.1:" + pgPort + "/incident_lifecycle"),
                    entry("DB_USERNAME", "incident_lifecycle"),
                    entry("DB_PASSWORD", "incident_lifecycle"));

            infrastructure.createSchema("incident");
            try (Connection connection = DriverManager.getConnection(infrastructure.jdbcUrl("incident"),
                    infrastructure.username(), infrastructure.password());
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE alerts (dedup_key text)");
                try (ResultSet rows = statement.executeQuery("SELECT current_schema()")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).isEqualTo("incident");
                }
            }

            infrastructure.createTopics(Topics.STANDARD);
            try (Admin admin = Topics.admin(infrastructure.bootstrapServers())) {
                assertThat(admin.listTopics().names().get()).containsAll(Topics.STANDARD.keySet());
            }
        }
    }

    @Test
    void uses_the_broker_and_database_the_environment_names_instead_of_starting_its_own() {
        try (Infrastructure existing = Infrastructure.start(Infrastructure.Settings.freePorts(folder.resolve("existing")), Map.of())) {
            Map<String, String> environment = Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", existing.bootstrapServers(),
                    "DB_JDBC_URL", existing.jdbcUrl(),
                    "DB_USERNAME", existing.username(),
                    "DB_PASSWORD", existing.password());

            try (Infrastructure infrastructure = Infrastructure.start(
                    Infrastructure.Settings.freePorts(folder.resolve("unused")), environment)) {
                assertThat(infrastructure.embeddedKafka()).isEmpty();
                assertThat(infrastructure.embeddedPostgres()).isEmpty();
                assertThat(infrastructure.bootstrapServers()).isEqualTo(existing.bootstrapServers());
                assertThat(infrastructure.jdbcUrl()).isEqualTo(existing.jdbcUrl());
                assertThat(infrastructure.reactiveUrl()).as("derived from the JDBC URL").isEqualTo(existing.reactiveUrl());
                assertThat(infrastructure.reactiveUrl("review"))
                        .isEqualTo(existing.reactiveUrl() + "?search_path=review");

                infrastructure.createSchema("review");
                infrastructure.createTopics(Map.of("review-events", 3));
            }
            assertThat(folder.resolve("unused")).doesNotExist();
        }
    }

    @Test
    void a_database_url_without_a_role_is_refused_before_anything_starts() {
        assertThatThrownBy(() -> Infrastructure.start(Infrastructure.Settings.freePorts(folder),
                Map.of("DB_JDBC_URL", "jdbc:postgresql://db:5432/incident_lifecycle")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DB_USERNAME");
        assertThat(folder.resolve("kafka")).doesNotExist();
    }

    @Test
    void blank_variables_count_as_unset() {
        try (Infrastructure infrastructure = Infrastructure.start(Infrastructure.Settings.freePorts(folder),
                Map.of("KAFKA_BOOTSTRAP_SERVERS", " ", "DB_JDBC_URL", ""))) {
            assertThat(infrastructure.embeddedKafka()).isPresent();
            assertThat(infrastructure.embeddedPostgres()).isPresent();
        }
    }

    @Test
    void the_launcher_defaults_keep_clear_of_alertmanager_and_a_system_postgresql() {
        Infrastructure.Settings defaults = Infrastructure.Settings.launcherDefaults(folder);
        assertThat(defaults.kafkaPort()).isEqualTo(9092);
        assertThat(defaults.kafkaControllerPort()).isNotIn(9093, 9094);
        assertThat(defaults.postgresPort()).isNotEqualTo(5432);
    }

    @Test
    void the_launcher_keeps_its_data_durably_and_tests_do_not_flush() {
        assertThat(Infrastructure.Settings.launcherDefaults(folder).postgresDurability())
                .isEqualTo(EmbeddedPostgres.Durability.DURABLE);
        assertThat(Infrastructure.Settings.freePorts(folder).postgresDurability())
                .isEqualTo(EmbeddedPostgres.Durability.FAST);
    }
}
