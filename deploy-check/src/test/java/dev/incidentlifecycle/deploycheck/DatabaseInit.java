package dev.incidentlifecycle.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** A PostgreSQL init script (compose or the in-cluster StatefulSet): the role, database and schemas it creates. */
record DatabaseInit(String script) {

    private static final Pattern ROLE = Pattern.compile("(?i)CREATE\\s+ROLE\\s+(\\w+)");
    private static final Pattern DATABASE = Pattern.compile("(?i)CREATE\\s+DATABASE\\s+(\\w+)\\s+OWNER\\s+(\\w+)");
    private static final Pattern SCHEMA = Pattern.compile("(?i)CREATE\\s+SCHEMA\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)\\s+AUTHORIZATION\\s+(\\w+)");

    static DatabaseInit of(String script) {
        assertThat(script).as("init script").isNotBlank();
        return new DatabaseInit(script);
    }

    /** The role is DB_USERNAME, the database is the one the URLs name, and every service's schema exists, owned by the role. */
    void assertCreatesWhatServicesConnectTo(Map<String, String> serviceEnvironment) {
        String role = serviceEnvironment.get("DB_USERNAME");
        String jdbcUrl = serviceEnvironment.get("DB_JDBC_URL");
        String database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);

        assertThat(ROLE.matcher(script).results().map(m -> m.group(1)).toList()).containsExactly(role);
        assertThat(DATABASE.matcher(script).results().map(m -> List.of(m.group(1), m.group(2))).toList())
                .containsExactly(List.of(database, role));
        assertThat(SCHEMA.matcher(script).results().map(m -> m.group(2)).distinct().toList()).containsExactly(role);
        assertThat(schemas()).isEqualTo(serviceSchemas());
        assertThat(serviceEnvironment.get("DB_REACTIVE_URL")).endsWith("/" + database);
    }

    Set<String> schemas() {
        Set<String> schemas = new TreeSet<>();
        SCHEMA.matcher(script).results().forEach(m -> schemas.add(m.group(1)));
        return schemas;
    }

    static Set<String> serviceSchemas() {
        Set<String> schemas = new TreeSet<>();
        ServiceConfiguration.all().forEach(service -> schemas.addAll(service.schemas()));
        return schemas;
    }
}
