package dev.incidentlifecycle.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's way: a separate JVM started with {@code --data}, stopped with SIGTERM, started again. */
class InfrastructureProgramTest {

    @TempDir
    Path data;

    @Test
    void starts_prepares_writes_its_addresses_stops_on_sigterm_and_finds_its_data_again() throws Exception {
        int kafkaPort = LoopbackPorts.free();
        int controllerPort = LoopbackPorts.free();
        int pgPort = LoopbackPorts.free();

        Process first = launch(kafkaPort, controllerPort, pgPort);
        try {
            String ready = awaitReadyLine(first);
            assertThat(ready).contains("kafka=127.0.0.1:" + kafkaPort, "postgres=jdbc:postgresql://127.0.0.1:" + pgPort);

            Properties written = read(data.resolve("infrastructure.properties"));
            assertThat(written.getProperty("PID")).isEqualTo(String.valueOf(first.pid()));
            assertThat(written.getProperty("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("127.0.0.1:" + kafkaPort);
            assertThat(written.getProperty("DB_JDBC_URL")).isEqualTo("jdbc:postgresql://127.0.0.1:" + pgPort + "/incident_lifecycle");
            assertThat(written.getProperty("MP_JWT_VERIFY_ISSUER")).isEqualTo(SigningKeys.ISSUER);
            assertThat(Path.of(written.getProperty("MP_JWT_VERIFY_PUBLICKEY_LOCATION"))).exists();
            try (Admin admin = Topics.admin("127.0.0.1:" + kafkaPort)) {
                assertThat(admin.listTopics().names().get()).containsAll(Topics.STANDARD.keySet());
            }
            try (Connection connection = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + pgPort + "/incident_lifecycle?currentSchema=incident",
                    "incident_lifecycle", "incident_lifecycle");
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE incidents (id text)");
                statement.execute("INSERT INTO incidents VALUES ('INC-42')");
                for (String setting : List.of("fsync", "synchronous_commit")) {
                    try (ResultSet shown = statement.executeQuery("SHOW " + setting)) {
                        assertThat(shown.next()).isTrue();
                        assertThat(shown.getString(1)).as("the launcher's database keeps what it commits: " + setting).isEqualTo("on");
                    }
                }
            }
        } finally {
            first.destroy(); // SIGTERM
        }
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(data.resolve("infrastructure.properties")).doesNotExist();
        LoopbackPorts.requireFree(kafkaPort, "Kafka", "-");
        LoopbackPorts.requireFree(pgPort, "PostgreSQL", "-");

        Process second = launch(kafkaPort, controllerPort, pgPort);
        try {
            awaitReadyLine(second);
            try (Connection connection = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + pgPort + "/incident_lifecycle?currentSchema=incident",
                    "incident_lifecycle", "incident_lifecycle");
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT id FROM incidents")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("INC-42");
            }
        } finally {
            second.destroy();
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void a_postgresql_left_running_by_a_killed_launcher_is_stopped_and_its_data_taken_over() throws Exception {
        int kafkaPort = LoopbackPorts.free();
        int controllerPort = LoopbackPorts.free();
        int pgPort = LoopbackPorts.free();
        Process killed = launch(kafkaPort, controllerPort, pgPort);
        try {
            awaitReadyLine(killed);
        } finally {
            killed.destroyForcibly(); // SIGKILL: no shutdown hook runs, PostgreSQL (its own process) stays up
        }
        assertThat(killed.waitFor(60, TimeUnit.SECONDS)).isTrue();

        Process next = launch(kafkaPort, controllerPort, pgPort);
        try {
            assertThat(awaitReadyLine(next)).contains("postgres=jdbc:postgresql://127.0.0.1:" + pgPort);
        } finally {
            next.destroy();
            assertThat(next.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        LoopbackPorts.requireFree(pgPort, "PostgreSQL", "-");
    }

    @Test
    void a_taken_port_is_reported_with_what_to_do() throws Exception {
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Process process = launch(taken.getLocalPort(), LoopbackPorts.free(), LoopbackPorts.free());
            try {
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.exitValue()).isEqualTo(1);
                assertThat(output).contains("Port " + taken.getLocalPort(), "--kafka-port");
            } finally {
                process.destroyForcibly();
            }
        }
    }

    private Process launch(int kafkaPort, int controllerPort, int pgPort) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"),
                Infrastructure.class.getName(),
                "--data", data.toString(),
                "--kafka-port", String.valueOf(kafkaPort),
                "--kafka-controller-port", String.valueOf(controllerPort),
                "--pg-port", String.valueOf(pgPort)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // This test's own environment must not point the program elsewhere.
        Map<String, String> environment = builder.environment();
        List.of("KAFKA_BOOTSTRAP_SERVERS", "DB_JDBC_URL", "DB_REACTIVE_URL", "DB_USERNAME", "DB_PASSWORD")
                .forEach(environment::remove);
        return builder.start();
    }

    private static String awaitReadyLine(Process process) throws Exception {
        BufferedReader lines = new BufferedReader(reader(process));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                StringBuilder seen = new StringBuilder();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith(Infrastructure.READY)) {
                        return line;
                    }
                    seen.append(line).append('\n');
                }
                throw new IllegalStateException("Exited before it was ready:\n" + seen);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return ready.get(90, TimeUnit.SECONDS);
    }

    private static Reader reader(Process process) {
        return new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8);
    }

    private static Properties read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }
}
