package dev.incidentlifecycle.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.incidentlifecycle.infra.SigningKeys;
import dev.incidentlifecycle.infra.Topics;

/** RealInfrastructure without a Quarkus application: what it starts, and the configuration it hands over. */
class RealInfrastructureTest {

    @Test
    void hands_a_service_the_broker_its_schema_the_token_key_and_no_dev_services() throws Exception {
        RealInfrastructure resource = new RealInfrastructure();
        resource.init(Map.of("schema", "incident"));

        Map<String, String> config = resource.start();

        assertThat(config).containsOnlyKeys("kafka.bootstrap.servers", "quarkus.datasource.jdbc.url",
                "quarkus.datasource.reactive.url", "quarkus.datasource.username", "quarkus.datasource.password",
                "quarkus.devservices.enabled", "mp.jwt.verify.publickey", "mp.jwt.verify.issuer");
        assertThat(config.get("kafka.bootstrap.servers")).isEqualTo(RealInfrastructure.bootstrapServers()).startsWith("127.0.0.1:");
        assertThat(config.get("quarkus.datasource.jdbc.url"))
                .matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/incident_lifecycle\\?currentSchema=incident");
        assertThat(config.get("quarkus.datasource.reactive.url"))
                .matches("postgresql://127\\.0\\.0\\.1:\\d+/incident_lifecycle\\?search_path=incident");
        assertThat(config).containsEntry("quarkus.datasource.username", "incident_lifecycle")
                .containsEntry("quarkus.devservices.enabled", "false")
                .containsEntry("mp.jwt.verify.issuer", "https://incident-lifecycle.local")
                .containsEntry("mp.jwt.verify.publickey", Tokens.keys().publicKeyBase64());
        assertThat(Base64.getDecoder().decode(config.get("mp.jwt.verify.publickey"))).isNotEmpty();

        try (Connection connection = RealInfrastructure.postgres().connect("incident");
                Statement statement = connection.createStatement()) {
            assertThat(single(statement, "SELECT current_schema()")).isEqualTo("incident");
        }
    }

    @Test
    void every_test_class_gets_the_same_broker_and_database_whatever_its_schema() {
        RealInfrastructure incident = new RealInfrastructure();
        incident.init(Map.of("schema", "incident"));
        RealInfrastructure review = new RealInfrastructure();
        review.init(Map.of("schema", "review"));
        RealInfrastructure noSchema = new RealInfrastructure();
        noSchema.init(Map.of());

        Map<String, String> first = incident.start();
        Map<String, String> second = review.start();
        Map<String, String> third = noSchema.start();
        incident.stop();

        assertThat(second.get("kafka.bootstrap.servers")).isEqualTo(first.get("kafka.bootstrap.servers"));
        assertThat(second.get("quarkus.datasource.jdbc.url")).endsWith("?currentSchema=review")
                .startsWith(RealInfrastructure.postgres().jdbcUrl());
        assertThat(third.get("quarkus.datasource.jdbc.url")).isEqualTo(RealInfrastructure.postgres().jdbcUrl());
        assertThat(RealInfrastructure.kafka().bootstrapServers()).isEqualTo(first.get("kafka.bootstrap.servers"));
    }

    @Test
    void a_second_class_loader_finds_the_running_infrastructure_instead_of_starting_another() throws Exception {
        String here = RealInfrastructure.bootstrapServers();
        URL[] classPath = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> {
                    try {
                        return Path.of(entry).toUri().toURL();
                    } catch (java.net.MalformedURLException e) {
                        throw new IllegalArgumentException(e);
                    }
                })
                .toArray(URL[]::new);
        // Like a Quarkus application of another test profile: the same classes, loaded again.
        try (URLClassLoader other = new URLClassLoader(classPath, ClassLoader.getPlatformClassLoader())) {
            Class<?> reloaded = other.loadClass(RealInfrastructure.class.getName());
            assertThat(reloaded).isNotSameAs(RealInfrastructure.class);

            Object there = reloaded.getMethod("bootstrapServers").invoke(null);

            assertThat(there).isEqualTo(here);
        }
    }

    @Test
    void the_standard_topics_exist_and_records_travel_over_the_broker() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).containsAll(Topics.STANDARD.keySet());
            assertThat(admin.describeTopics(List.of("alerts")).allTopicNames().get().get("alerts").partitions()).hasSize(6);
        }

        RealInfrastructure.produce(new ProducerRecord<>("review-events.dlq", "REV-1",
                "{\"reason\":\"poison\"}".getBytes(StandardCharsets.UTF_8)));

        try (KafkaTopic topic = KafkaTopic.readFromStart("review-events.dlq")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !topic.poll().withKey("REV-1").isEmpty());
            assertThat(KafkaTopic.value(topic.withKey("REV-1").get(0))).isEqualTo("{\"reason\":\"poison\"}");
        }
    }

    @Test
    void the_database_server_can_be_taken_away_and_given_back_with_its_data() throws Exception {
        DatabaseServer postgres = RealInfrastructure.postgres();
        postgres.createSchema("actions");
        try (Connection connection = postgres.connect("actions"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS action_items (id text)");
            statement.execute("INSERT INTO action_items VALUES ('AI-9')");
        }

        postgres.stopServer();
        try {
            assertThat(postgres.isServerRunning()).isFalse();
            assertThatThrownBy(() -> postgres.connect("actions")).isInstanceOf(SQLException.class);
        } finally {
            postgres.startServer();
        }

        assertThat(postgres.isServerRunning()).isTrue();
        try (Connection connection = postgres.connect("actions"); Statement statement = connection.createStatement()) {
            assertThat(single(statement, "SELECT id FROM action_items WHERE id = 'AI-9'")).isEqualTo("AI-9");
        }
    }

    @Test
    void a_database_named_by_the_environment_is_used_and_cannot_be_stopped(@TempDir Path folder) {
        DatabaseServer running = RealInfrastructure.postgres();
        Map<String, String> environment = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", RealInfrastructure.bootstrapServers(),
                "DB_JDBC_URL", running.jdbcUrl(),
                "DB_REACTIVE_URL", running.reactiveUrl(),
                "DB_USERNAME", running.username(),
                "DB_PASSWORD", running.password());

        SharedInfrastructure external = SharedInfrastructure.start(folder, environment);
        try {
            assertThat(external.isDatabaseEmbedded()).isFalse();
            assertThat(folder.resolve("kafka")).doesNotExist();
            assertThat(folder.resolve("postgres")).doesNotExist();
            Map<String, String> config = RealInfrastructure.quarkusConfig(external, "review");
            assertThat(config).containsEntry("kafka.bootstrap.servers", RealInfrastructure.bootstrapServers())
                    .containsEntry("quarkus.datasource.jdbc.url", running.jdbcUrl() + "?currentSchema=review")
                    .containsEntry("quarkus.datasource.reactive.url", running.reactiveUrl() + "?search_path=review");
            assertThatThrownBy(external::stopDatabaseServer)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not embedded");
        } finally {
            external.close();
        }
        assertThat(RealInfrastructure.postgres().isServerRunning()).isTrue();
        assertThat(SigningKeys.load(Path.of(RealInfrastructure.shared().getSigningKeysFolder()))).isNotNull();
    }

    private static String single(Statement statement, String query) throws SQLException {
        try (ResultSet rows = statement.executeQuery(query)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}
