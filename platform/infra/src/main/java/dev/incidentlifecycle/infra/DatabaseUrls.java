package dev.incidentlifecycle.infra;

/**
 * Makes the two URL forms of one PostgreSQL database select a service's schema, so a service's Flyway (JDBC)
 * and Hibernate Reactive (Vert.x) work in the same schema without naming it in SQL.
 */
public final class DatabaseUrls {

    private DatabaseUrls() {
    }

    /** Adds {@code currentSchema=<schema>} (pgjdbc sends it as the session's search_path). */
    public static String jdbcWithSchema(String jdbcUrl, String schema) {
        return withParameter(jdbcUrl, "currentSchema", schema);
    }

    /** Adds {@code search_path=<schema>} (vertx-pg-client sends it as a startup parameter). */
    public static String reactiveWithSchema(String reactiveUrl, String schema) {
        return withParameter(reactiveUrl, "search_path", schema);
    }

    /** {@code jdbc:postgresql://host:port/db} → {@code postgresql://host:port/db}; parameters are dropped. */
    public static String reactiveFromJdbc(String jdbcUrl) {
        String url = jdbcUrl.startsWith("jdbc:") ? jdbcUrl.substring("jdbc:".length()) : jdbcUrl;
        int parameters = url.indexOf('?');
        return parameters < 0 ? url : url.substring(0, parameters);
    }

    private static String withParameter(String url, String name, String value) {
        return url + (url.contains("?") ? "&" : "?") + name + "=" + value;
    }
}
