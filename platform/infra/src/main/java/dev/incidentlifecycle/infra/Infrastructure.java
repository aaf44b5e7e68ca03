package dev.incidentlifecycle.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;

/**
 * The Kafka broker and the PostgreSQL database the services run against: embedded ones (started here, on
 * loopback, with their data under one folder) unless environment variables name existing ones.
 *
 * <table>
 * <caption>Environment variables that replace an embedded server</caption>
 * <tr><th>Variable</th><th>Meaning</th></tr>
 * <tr><td>{@code KAFKA_BOOTSTRAP_SERVERS}</td><td>bootstrap servers of an existing broker; no broker is started</td></tr>
 * <tr><td>{@code DB_JDBC_URL}</td><td>JDBC URL of an existing PostgreSQL database, e.g.
 *     {@code jdbc:postgresql://db:5432/incident_lifecycle}; no PostgreSQL is started</td></tr>
 * <tr><td>{@code DB_REACTIVE_URL}</td><td>the same database for the reactive client, e.g.
 *     {@code postgresql://db:5432/incident_lifecycle}; derived from {@code DB_JDBC_URL} when unset</td></tr>
 * <tr><td>{@code DB_USERNAME}</td><td>role to connect as (required with {@code DB_JDBC_URL})</td></tr>
 * <tr><td>{@code DB_PASSWORD}</td><td>its password (empty when unset)</td></tr>
 * </table>
 *
 * <p>Run as a program it is the local launcher's infrastructure:
 * {@code Infrastructure --data <folder> [--kafka-port 9092] [--kafka-controller-port 9095] [--pg-port 54329]}
 * starts what is not given by the variables above (data under {@code <folder>/kafka} and
 * {@code <folder>/postgres}; the PostgreSQL is {@link EmbeddedPostgres.Durability#DURABLE durable}: fsync and
 * synchronous commit on), creates the {@link Topics#STANDARD standard topics} and the
 * {@link #SERVICE_SCHEMAS service schemas}, keeps the token signing keys in {@code <folder>/keys}, writes
 * {@code <folder>/infrastructure.properties} ({@link #environment()} plus {@code PID}), prints a line starting
 * with {@value #READY} and stops everything cleanly on SIGTERM or Ctrl-C.
 */
public final class Infrastructure implements AutoCloseable {

    public static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String DB_JDBC_URL = "DB_JDBC_URL";
    public static final String DB_REACTIVE_URL = "DB_REACTIVE_URL";
    public static final String DB_USERNAME = "DB_USERNAME";
    public static final String DB_PASSWORD = "DB_PASSWORD";

    /** The one database of the embedded PostgreSQL; each service works in its own schema of it. */
    public static final String DATABASE = "incident_lifecycle";
    public static final String DATABASE_USER = "incident_lifecycle";
    public static final String DATABASE_PASSWORD = "incident_lifecycle";
    public static final List<String> SERVICE_SCHEMAS = List.of("incident", "reviews", "actions");

    public static final int DEFAULT_KAFKA_PORT = 9092;
    /** Not 9093/9094: Prometheus Alertmanager's defaults, and Alertmanager is a likely neighbour. */
    public static final int DEFAULT_KAFKA_CONTROLLER_PORT = 9095;
    /** Not 5432, so a PostgreSQL installed on the machine does not get in the way. */
    public static final int DEFAULT_POSTGRES_PORT = 54329;

    public static final String PROPERTIES_FILE = "infrastructure.properties";
    public static final String READY = "Infrastructure ready:";

    private final EmbeddedKafka kafka;
    private final EmbeddedPostgres postgres;
    private final String bootstrapServers;
    private final String jdbcUrl;
    private final String reactiveUrl;
    private final String username;
    private final String password;

    private Infrastructure(EmbeddedKafka kafka, EmbeddedPostgres postgres, String bootstrapServers,
            String jdbcUrl, String reactiveUrl, String username, String password) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.bootstrapServers = bootstrapServers;
        this.jdbcUrl = jdbcUrl;
        this.reactiveUrl = reactiveUrl;
        this.username = username;
        this.password = password;
    }

    /**
     * Where the embedded servers keep their data, which ports they listen on (0 = a free port) and whether the
     * embedded PostgreSQL flushes each commit to disk.
     */
    public record Settings(Path dataFolder, int kafkaPort, int kafkaControllerPort, int postgresPort,
                           EmbeddedPostgres.Durability postgresDurability) {

        public Settings {
            Objects.requireNonNull(dataFolder, "dataFolder");
            Objects.requireNonNull(postgresDurability, "postgresDurability");
        }

        /** Free ports and a database that does not flush (its data is thrown away), for tests. */
        public static Settings freePorts(Path dataFolder) {
            return new Settings(dataFolder, 0, 0, 0, EmbeddedPostgres.Durability.FAST);
        }

        /** The local launcher's fixed ports and a durable database: its data is kept. */
        public static Settings launcherDefaults(Path dataFolder) {
            return new Settings(dataFolder, DEFAULT_KAFKA_PORT, DEFAULT_KAFKA_CONTROLLER_PORT, DEFAULT_POSTGRES_PORT,
                    EmbeddedPostgres.Durability.DURABLE);
        }

        public Path kafkaFolder() {
            return dataFolder.resolve("kafka");
        }

        public Path postgresFolder() {
            return dataFolder.resolve("postgres");
        }
    }

    /** Starts what the process environment does not name. */
    public static Infrastructure start(Settings settings) {
        return start(settings, System.getenv());
    }

    /**
     * Starts an embedded broker unless {@code environment} has {@value #KAFKA_BOOTSTRAP_SERVERS}, and an embedded
     * PostgreSQL (with the {@value #DATABASE} database and its {@value #DATABASE_USER} role) unless it has
     * {@value #DB_JDBC_URL}. The two start side by side.
     */
    public static Infrastructure start(Settings settings, Map<String, String> environment) {
        Optional<String> externalKafka = value(environment, KAFKA_BOOTSTRAP_SERVERS);
        Optional<String> externalJdbcUrl = value(environment, DB_JDBC_URL);
        String externalUser = externalJdbcUrl.isPresent()
                ? value(environment, DB_USERNAME).orElseThrow(() -> new IllegalArgumentException(
                        DB_JDBC_URL + " is set but " + DB_USERNAME + " is not: say which role connects to the database"))
                : null;

        CompletableFuture<EmbeddedPostgres> postgresStarting = externalJdbcUrl.isPresent()
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(() -> startPostgres(settings));
        EmbeddedKafka kafka = null;
        EmbeddedPostgres postgres;
        try {
            if (externalKafka.isEmpty()) {
                kafka = EmbeddedKafka.start(settings.kafkaFolder(), settings.kafkaPort(), settings.kafkaControllerPort());
            }
            postgres = postgresStarting.join();
        } catch (RuntimeException e) {
            if (kafka != null) {
                kafka.close();
            }
            postgresStarting.thenAccept(started -> {
                if (started != null) {
                    started.stop();
                }
            });
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }

        String bootstrap = kafka != null ? kafka.bootstrapServers() : externalKafka.get();
        if (postgres != null) {
            return new Infrastructure(kafka, postgres, bootstrap, postgres.jdbcUrl(DATABASE),
                    postgres.reactiveUrl(DATABASE), DATABASE_USER, DATABASE_PASSWORD);
        }
        String jdbc = externalJdbcUrl.get();
        String reactive = value(environment, DB_REACTIVE_URL).orElseGet(() -> DatabaseUrls.reactiveFromJdbc(jdbc));
        return new Infrastructure(kafka, null, bootstrap, jdbc, reactive, externalUser,
                value(environment, DB_PASSWORD).orElse(""));
    }

    private static EmbeddedPostgres startPostgres(Settings settings) {
        EmbeddedPostgres postgres = EmbeddedPostgres.start(settings.postgresFolder(), settings.postgresPort(),
                settings.postgresDurability());
        try {
            postgres.createRole(DATABASE_USER, DATABASE_PASSWORD);
            postgres.createDatabase(DATABASE, DATABASE_USER);
            return postgres;
        } catch (RuntimeException e) {
            postgres.stop();
            throw e;
        }
    }

    /** {@value Topics#EVENT_RETENTION_MS}, or for ever. */
    static long eventRetention(Map<String, String> environment) {
        String value = value(environment, Topics.EVENT_RETENTION_MS).orElse(Long.toString(Topics.KEEP_FOREVER));
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Topics.EVENT_RETENTION_MS + " must be -1 (for ever) or a number of milliseconds, not '"
                    + value + "'");
        }
    }

    private static Optional<String> value(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The database's JDBC URL, without a schema. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The JDBC URL selecting {@code schema} ({@code currentSchema=}). */
    public String jdbcUrl(String schema) {
        return DatabaseUrls.jdbcWithSchema(jdbcUrl, schema);
    }

    /** The database's reactive URL, without a schema. */
    public String reactiveUrl() {
        return reactiveUrl;
    }

    /** The reactive URL selecting {@code schema} ({@code search_path=}). */
    public String reactiveUrl(String schema) {
        return DatabaseUrls.reactiveWithSchema(reactiveUrl, schema);
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** The broker started here; empty when {@value #KAFKA_BOOTSTRAP_SERVERS} named another one. */
    public Optional<EmbeddedKafka> embeddedKafka() {
        return Optional.ofNullable(kafka);
    }

    /** The PostgreSQL started here; empty when {@value #DB_JDBC_URL} named another database. */
    public Optional<EmbeddedPostgres> embeddedPostgres() {
        return Optional.ofNullable(postgres);
    }

    /** Creates the missing topics on the broker in use, embedded or not. */
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        Topics.create(bootstrapServers, partitionsByTopic, Duration.ofSeconds(60));
    }

    /** Keeps the event topics' records for {@code retentionMs} ({@link Topics#KEEP_FOREVER} by default). */
    public void retainEvents(long retentionMs) {
        Topics.retainEvents(bootstrapServers, retentionMs, Duration.ofSeconds(60));
    }

    /** Creates {@code schema} in the database in use unless it exists, owned by {@link #username()}. */
    public void createSchema(String schema) {
        if (postgres != null) {
            postgres.createSchema(DATABASE, schema, DATABASE_USER);
            return;
        }
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Not a plain PostgreSQL name (a-z, 0-9, _): " + schema);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl, username, password);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create schema " + schema + " in " + jdbcUrl + " as " + username, e);
        }
    }

    /** The addresses in use, under the environment variable names that select them. */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(KAFKA_BOOTSTRAP_SERVERS, bootstrapServers);
        environment.put(DB_JDBC_URL, jdbcUrl);
        environment.put(DB_REACTIVE_URL, reactiveUrl);
        environment.put(DB_USERNAME, username);
        environment.put(DB_PASSWORD, password);
        return environment;
    }

    /** Stops what was started here (the broker, then PostgreSQL); their data stays. */
    @Override
    public void close() {
        RuntimeException failure = null;
        if (kafka != null) {
            try {
                kafka.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (postgres != null) {
            try {
                postgres.stop();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "Kafka " + bootstrapServers + (kafka != null ? " (embedded)" : "")
                + ", PostgreSQL " + jdbcUrl + (postgres != null ? " (embedded)" : "");
    }

    // ---- the launcher's entry point ----

    public static void main(String[] args) {
        CommandLine line;
        try {
            line = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(CommandLine.USAGE);
            System.exit(2);
            return;
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        Settings settings = line.settings();
        Map<String, String> environment = System.getenv();
        Path propertiesFile = settings.dataFolder().resolve(PROPERTIES_FILE);
        Infrastructure infrastructure;
        long started = System.nanoTime();
        try {
            if (value(environment, KAFKA_BOOTSTRAP_SERVERS).isEmpty()) {
                LoopbackPorts.requireFree(settings.kafkaPort(), "Kafka", "--kafka-port");
                LoopbackPorts.requireFree(settings.kafkaControllerPort(), "the Kafka controller", "--kafka-controller-port");
            }
            if (value(environment, DB_JDBC_URL).isEmpty()) {
                EmbeddedPostgres.stopOrphanedServer(settings.postgresFolder());
                LoopbackPorts.requireFree(settings.postgresPort(), "PostgreSQL", "--pg-port");
            }
            Files.createDirectories(settings.dataFolder());
            infrastructure = start(settings, environment);
        } catch (RuntimeException | IOException e) {
            System.err.println("Infrastructure could not start: " + e.getMessage());
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                System.err.println("  caused by: " + cause);
            }
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(propertiesFile);
                infrastructure.close();
                System.out.println("Infrastructure stopped.");
            } catch (IOException | RuntimeException e) {
                System.err.println("Infrastructure did not stop cleanly: " + e);
            } finally {
                stopped.countDown();
            }
        }, "infrastructure-stop"));

        try {
            infrastructure.createTopics(Topics.STANDARD);
            infrastructure.retainEvents(eventRetention(environment));
            SERVICE_SCHEMAS.forEach(infrastructure::createSchema);
            Path keys = settings.dataFolder().resolve("keys");
            SigningKeys.loadOrGenerate(keys);
            Map<String, String> written = new LinkedHashMap<>();
            written.put("PID", String.valueOf(ProcessHandle.current().pid()));
            written.putAll(infrastructure.environment());
            written.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", SigningKeys.publicKeyFile(keys).toAbsolutePath().toString());
            written.put("MP_JWT_VERIFY_ISSUER", SigningKeys.ISSUER);
            writeProperties(propertiesFile, written);
        } catch (RuntimeException e) {
            System.err.println("Infrastructure started but could not be prepared: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.printf("%s kafka=%s postgres=%s data=%s (%d ms)%n", READY, infrastructure.bootstrapServers(),
                infrastructure.jdbcUrl(), settings.dataFolder().toAbsolutePath(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // Plain KEY=value lines (no escaping) so a shell can read the file as well as java.util.Properties.
    private static void writeProperties(Path file, Map<String, String> values) {
        List<String> lines = new ArrayList<>();
        lines.add("# Written by " + Infrastructure.class.getName() + " while it runs; removed when it stops.");
        values.forEach((key, value) -> lines.add(key + "=" + value));
        try {
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.write(partial, lines, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    private record CommandLine(Settings settings) {

        static final String USAGE = "Usage: Infrastructure --data <folder> [--kafka-port " + DEFAULT_KAFKA_PORT
                + "] [--kafka-controller-port " + DEFAULT_KAFKA_CONTROLLER_PORT + "] [--pg-port " + DEFAULT_POSTGRES_PORT + "]";

        static CommandLine parse(String[] args) {
            Path data = null;
            int kafkaPort = DEFAULT_KAFKA_PORT;
            int controllerPort = DEFAULT_KAFKA_CONTROLLER_PORT;
            int postgresPort = DEFAULT_POSTGRES_PORT;
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("Missing value after " + option);
                }
                String value = args[++i];
                switch (option) {
                    case "--data" -> data = Path.of(value);
                    case "--kafka-port" -> kafkaPort = port(option, value);
                    case "--kafka-controller-port" -> controllerPort = port(option, value);
                    case "--pg-port" -> postgresPort = port(option, value);
                    default -> throw new IllegalArgumentException("Unknown option " + option);
                }
            }
            if (data == null) {
                throw new IllegalArgumentException("Missing --data <folder>");
            }
            // The launcher's data is kept: its database flushes every commit.
            return new CommandLine(new Settings(data, kafkaPort, controllerPort, postgresPort,
                    EmbeddedPostgres.Durability.DURABLE));
        }

        private static int port(String option, String value) {
            try {
                int port = Integer.parseInt(value);
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a port number (1-65535), got " + value);
            }
        }
    }
}
