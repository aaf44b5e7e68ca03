package dev.incidentlifecycle.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import dev.incidentlifecycle.infra.EmbeddedPostgres;
import dev.incidentlifecycle.infra.Infrastructure;
import dev.incidentlifecycle.infra.SigningKeys;
import dev.incidentlifecycle.infra.Topics;

/** The infrastructure one test JVM starts (or finds through environment variables), with its signing keys. */
final class SharedInfrastructure implements SharedInfrastructureMBean {

    private final Infrastructure infrastructure;
    private final Path folder;
    private final Path keysFolder;

    private SharedInfrastructure(Infrastructure infrastructure, Path folder, Path keysFolder) {
        this.infrastructure = infrastructure;
        this.folder = folder;
        this.keysFolder = keysFolder;
    }

    /**
     * Starts (on free ports, data under {@code folder}) what {@code environment} does not name, creates the
     * standard topics and a signing key pair.
     */
    static SharedInfrastructure start(Path folder, Map<String, String> environment) {
        Infrastructure infrastructure = Infrastructure.start(Infrastructure.Settings.freePorts(folder), environment);
        try {
            infrastructure.createTopics(Topics.STANDARD);
            Path keysFolder = folder.resolve("keys");
            SigningKeys.loadOrGenerate(keysFolder);
            return new SharedInfrastructure(infrastructure, folder, keysFolder);
        } catch (RuntimeException e) {
            infrastructure.close();
            throw e;
        }
    }

    @Override
    public String getBootstrapServers() {
        return infrastructure.bootstrapServers();
    }

    @Override
    public String getJdbcUrl() {
        return infrastructure.jdbcUrl();
    }

    @Override
    public String getReactiveUrl() {
        return infrastructure.reactiveUrl();
    }

    @Override
    public String getUsername() {
        return infrastructure.username();
    }

    @Override
    public String getPassword() {
        return infrastructure.password();
    }

    @Override
    public String getSigningKeysFolder() {
        return keysFolder.toString();
    }

    @Override
    public boolean isDatabaseEmbedded() {
        return infrastructure.embeddedPostgres().isPresent();
    }

    @Override
    public boolean isDatabaseServerRunning() {
        return infrastructure.embeddedPostgres().map(EmbeddedPostgres::isServerRunning).orElse(true);
    }

    @Override
    public void stopDatabaseServer() {
        embeddedPostgres().stopServer();
    }

    @Override
    public void startDatabaseServer() {
        embeddedPostgres().startServer();
    }

    @Override
    public void createSchema(String schema) {
        infrastructure.createSchema(schema);
    }

    private EmbeddedPostgres embeddedPostgres() {
        return infrastructure.embeddedPostgres().orElseThrow(() -> new IllegalStateException(
                "The database is not embedded (DB_JDBC_URL names " + infrastructure.jdbcUrl()
                        + "): a test cannot stop and start its server"));
    }

    /** Stops what was started and removes the folder: the data of a test JVM is not kept. */
    void close() {
        try {
            infrastructure.close();
        } finally {
            delete(folder);
        }
    }

    private static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("Could not remove the test infrastructure folder " + folder + ": " + e);
        }
    }
}
