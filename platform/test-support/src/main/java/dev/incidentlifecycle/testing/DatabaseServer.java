package dev.incidentlifecycle.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import dev.incidentlifecycle.infra.DatabaseUrls;

/**
 * The test JVM's database as a test sees it: its addresses, connections as the services' role, and, when it is
 * embedded, its server process, which a test can stop and start again (same port, same data) to prove a
 * service loses nothing while the database is away.
 */
public final class DatabaseServer {

    private final SharedInfrastructureMBean infrastructure;

    DatabaseServer(SharedInfrastructureMBean infrastructure) {
        this.infrastructure = infrastructure;
    }

    /** Stops the PostgreSQL server process (open connections are cut). Only for the embedded database. */
    public void stopServer() {
        infrastructure.stopDatabaseServer();
    }

    /** Starts it again on the same port and data; does nothing if it runs. */
    public void startServer() {
        infrastructure.startDatabaseServer();
    }

    public boolean isServerRunning() {
        return infrastructure.isDatabaseServerRunning();
    }

    /** False when {@code DB_JDBC_URL} named an existing database: its server cannot be stopped by a test. */
    public boolean isEmbedded() {
        return infrastructure.isDatabaseEmbedded();
    }

    public String jdbcUrl() {
        return infrastructure.getJdbcUrl();
    }

    public String jdbcUrl(String schema) {
        return DatabaseUrls.jdbcWithSchema(infrastructure.getJdbcUrl(), schema);
    }

    public String reactiveUrl() {
        return infrastructure.getReactiveUrl();
    }

    public String reactiveUrl(String schema) {
        return DatabaseUrls.reactiveWithSchema(infrastructure.getReactiveUrl(), schema);
    }

    public String username() {
        return infrastructure.getUsername();
    }

    public String password() {
        return infrastructure.getPassword();
    }

    /** Creates {@code schema} unless it exists. */
    public void createSchema(String schema) {
        infrastructure.createSchema(schema);
    }

    /** A JDBC connection as the services' role, in {@code schema}, to look into a service's tables. */
    public Connection connect(String schema) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(schema), username(), password());
    }
}
