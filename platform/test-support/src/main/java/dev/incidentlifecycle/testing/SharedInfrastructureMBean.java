package dev.incidentlifecycle.testing;

/**
 * The test JVM's one broker and database as seen through JMX. Quarkus loads a test module's classes once per
 * application (per test profile), so a plain static field would start a second broker and database for the
 * first test with another profile; the platform MBean server is shared by every class loader, and only JDK
 * types cross it.
 */
public interface SharedInfrastructureMBean {

    String getBootstrapServers();

    /** The database's JDBC URL without a schema. */
    String getJdbcUrl();

    /** The database's reactive URL without a schema. */
    String getReactiveUrl();

    String getUsername();

    String getPassword();

    /** The folder holding the token signing keys (PEM), see {@code SigningKeys}. */
    String getSigningKeysFolder();

    /** False when {@code DB_JDBC_URL} named an existing database. */
    boolean isDatabaseEmbedded();

    boolean isDatabaseServerRunning();

    void stopDatabaseServer();

    void startDatabaseServer();

    void createSchema(String schema);
}
