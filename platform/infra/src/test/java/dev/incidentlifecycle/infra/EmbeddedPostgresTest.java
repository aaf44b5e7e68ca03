package dev.incidentlifecycle.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresTest {

    @TempDir
    Path folder;

    @Test
    void creates_a_role_a_database_and_a_schema_the_role_works_in() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(folder.resolve("pg"))) {
            postgres.createRole("incident_app", "secret");
            postgres.createRole("incident_app", "secret");
            postgres.createDatabase("lifecycle", "incident_app");
            postgres.createDatabase("lifecycle", "incident_app");
            postgres.createSchema("lifecycle", "incident", "incident_app");
            postgres.createSchema("lifecycle", "incident", "incident_app");

            String url = DatabaseUrls.jdbcWithSchema(postgres.jdbcUrl("lifecycle"), "incident");
            try (Connection connection = DriverManager.getConnection(url, "incident_app", "secret");
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE incidents (id text PRIMARY KEY)");
                statement.execute("INSERT INTO incidents VALUES ('INC-1')");
                assertThat(single(statement, "SELECT current_schema()")).isEqualTo("incident");
                assertThat(single(statement, "SELECT current_user")).isEqualTo("incident_app");
            }
            try (Connection connection = postgres.connect("lifecycle"); Statement statement = connection.createStatement()) {
                assertThat(single(statement, "SELECT id FROM incident.incidents")).isEqualTo("INC-1");
            }
            assertThat(postgres.jdbcUrl("lifecycle")).isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/lifecycle");
            assertThat(postgres.reactiveUrl("lifecycle")).isEqualTo("postgresql://127.0.0.1:" + postgres.port() + "/lifecycle");
        }
    }

    @Test
    void a_server_started_again_on_the_same_folder_finds_its_data() throws Exception {
        Path data = folder.resolve("pg");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(data)) {
            run(postgres, "CREATE TABLE reviews (id text)", "INSERT INTO reviews VALUES ('REV-7')");
        }
        try (EmbeddedPostgres again = EmbeddedPostgres.start(data);
                Connection connection = again.connect("postgres");
                Statement statement = connection.createStatement()) {
            assertThat(single(statement, "SELECT id FROM reviews")).isEqualTo("REV-7");
        }
    }

    @Test
    void the_server_process_can_be_stopped_and_started_again_on_the_same_port_and_data() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(folder.resolve("pg"))) {
            int port = postgres.port();
            run(postgres, "CREATE TABLE action_items (id text)", "INSERT INTO action_items VALUES ('AI-3')");
            Connection open = postgres.connect("postgres");

            postgres.stopServer();

            assertThat(postgres.isServerRunning()).isFalse();
            assertThatThrownBy(() -> postgres.connect("postgres")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> open.createStatement().execute("SELECT 1"))
                    .as("a connection open while the server went away is cut")
                    .isInstanceOf(SQLException.class);

            postgres.startServer();

            assertThat(postgres.isServerRunning()).isTrue();
            assertThat(postgres.port()).isEqualTo(port);
            try (Connection connection = postgres.connect("postgres"); Statement statement = connection.createStatement()) {
                assertThat(single(statement, "SELECT id FROM action_items")).isEqualTo("AI-3");
            }
        }
    }

    @Test
    void a_durable_server_flushes_every_commit_and_a_fast_one_does_not() throws Exception {
        try (EmbeddedPostgres durable = EmbeddedPostgres.start(folder.resolve("durable"), 0, EmbeddedPostgres.Durability.DURABLE);
                Connection connection = durable.connect("postgres");
                Statement statement = connection.createStatement()) {
            assertThat(single(statement, "SHOW fsync")).isEqualTo("on");
            assertThat(single(statement, "SHOW synchronous_commit")).isEqualTo("on");
            assertThat(single(statement, "SHOW full_page_writes")).isEqualTo("on");
            assertThat(single(statement, "SHOW track_commit_timestamp")).isEqualTo("on");
        }
        try (EmbeddedPostgres fast = EmbeddedPostgres.start(folder.resolve("fast"));
                Connection connection = fast.connect("postgres");
                Statement statement = connection.createStatement()) {
            assertThat(fast.durability()).isEqualTo(EmbeddedPostgres.Durability.FAST);
            assertThat(single(statement, "SHOW fsync")).isEqualTo("off");
            assertThat(single(statement, "SHOW synchronous_commit")).isEqualTo("off");
        }
    }

    @Test
    void refuses_names_that_are_not_plain_identifiers() {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(folder.resolve("pg"))) {
            assertThatThrownBy(() -> postgres.createDatabase("x; DROP DATABASE postgres", "postgres"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static void run(EmbeddedPostgres postgres, String... statements) throws SQLException {
        try (Connection connection = postgres.connect("postgres"); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String single(Statement statement, String query) throws SQLException {
        try (ResultSet rows = statement.executeQuery(query)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}
