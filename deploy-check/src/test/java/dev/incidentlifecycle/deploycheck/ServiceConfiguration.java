package dev.incidentlifecycle.deploycheck;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's configuration asks of its deployment, read from its {@code application.properties} (and the
 * defaults every service shares, in platform/web): its HTTP port, its database schema, and the environment variables
 * it reads as {@code ${VAR}} or {@code ${VAR:default}} in the production profile, with their defaults.
 */
record ServiceConfiguration(String service, Properties properties, Map<String, List<Optional<String>>> variables) {

    static final String SHARED_DEFAULTS = "platform/web/src/main/resources/META-INF/microprofile-config.properties";

    /** A default that only fits the local launcher: this machine's address or a file under its data folder. */
    private static final Pattern LOCAL_DEFAULT = Pattern.compile("127\\.0\\.0\\.1|localhost|(^|[/:])\\.?data/");
    /** Credentials: a default here is a well-known development secret. */
    private static final Pattern SECRET = Pattern.compile("PASSWORD|SECRET|KEYS?$|TOKENS?$");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)(:?)");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)(?::([^}]*))?}");

    static List<ServiceConfiguration> all() {
        return Repository.services().stream().map(ServiceConfiguration::of).toList();
    }

    static ServiceConfiguration of(String service) {
        Path file = Repository.path(service + "/src/main/resources/application.properties");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(service + " has no " + Repository.relative(file) + " to check the deployment against");
        }
        Properties shared = load(Repository.path(SHARED_DEFAULTS));
        Properties own = load(file);
        Properties effective = new Properties();
        effective.putAll(shared);
        effective.putAll(own);
        Map<String, List<Optional<String>>> variables = new TreeMap<>();
        for (Properties source : List.of(shared, own)) {
            source.stringPropertyNames().stream()
                    .filter(ServiceConfiguration::appliesInProduction)
                    .forEach(key -> {
                        String value = source.getProperty(key);
                        Matcher matcher = VARIABLE.matcher(value);
                        while (matcher.find()) {
                            Optional<String> defaultValue = matcher.group(2).isEmpty()
                                    ? Optional.empty()
                                    : Optional.of(defaultAfter(value, matcher.end()));
                            variables.computeIfAbsent(matcher.group(1), name -> new ArrayList<>()).add(defaultValue);
                        }
                    });
        }
        return new ServiceConfiguration(service, effective, variables);
    }

    /**
     * Variables a deployment must set for this service: those read without a default, those whose default only fits
     * the local launcher (127.0.0.1, a file under .data/), and credentials, whose default is a well-known development
     * value. The others are tuning with a default that is right anywhere (the declaration policy, for example).
     */
    Set<String> requiredVariables() {
        Set<String> required = new TreeSet<>();
        variables.forEach((name, defaults) -> {
            boolean bare = defaults.stream().anyMatch(Optional::isEmpty);
            boolean local = defaults.stream().flatMap(Optional::stream).anyMatch(value -> LOCAL_DEFAULT.matcher(value).find());
            if (bare || local || SECRET.matcher(name).find()) {
                required.add(name);
            }
        });
        return required;
    }

    /** Variables read without a default: the service cannot start without them. */
    Set<String> variablesWithoutDefault() {
        Set<String> bare = new TreeSet<>();
        variables.forEach((name, defaults) -> {
            if (defaults.stream().anyMatch(Optional::isEmpty)) {
                bare.add(name);
            }
        });
        return bare;
    }

    /** The HTTP port under a deployment that sets {@code environment}. */
    int httpPort(Map<String, String> environment) {
        if (environment.containsKey("QUARKUS_HTTP_PORT")) {
            return Integer.parseInt(environment.get("QUARKUS_HTTP_PORT"));
        }
        String value = Optional.ofNullable(productionValue("quarkus.http.port")).orElse("8080");
        return Integer.parseInt(resolve(value, environment));
    }

    int httpPort() {
        return httpPort(Map.of());
    }

    /**
     * The port of the management interface (health, metrics, OpenAPI) under a deployment that sets
     * {@code environment}; fails when the service has no management interface in production.
     */
    int managementPort(Map<String, String> environment) {
        if (!"true".equals(productionValue("quarkus.management.enabled"))) {
            throw new AssertionError(service + " has no management interface (quarkus.management.enabled) in production");
        }
        if (environment.containsKey("QUARKUS_MANAGEMENT_PORT")) {
            return Integer.parseInt(environment.get("QUARKUS_MANAGEMENT_PORT"));
        }
        String value = Optional.ofNullable(productionValue("quarkus.management.port")).orElse("9000");
        return Integer.parseInt(resolve(value, environment));
    }

    int managementPort() {
        return managementPort(Map.of());
    }

    /** Production settings whose keys start with {@code prefix}, by the rest of their key. */
    Map<String, String> settings(String prefix) {
        Map<String, String> settings = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            String plain = key.startsWith("%prod.") ? key.substring("%prod.".length()) : key;
            if (appliesInProduction(key) && plain.startsWith(prefix)) {
                settings.put(plain.substring(prefix.length()), productionValue(plain));
            }
        }
        return settings;
    }

    /** A production setting, or null. */
    String setting(String key) {
        return productionValue(key);
    }

    /** The schemas Flyway manages for this service: its own, in the shared database. */
    List<String> schemas() {
        String schemas = productionValue("quarkus.flyway.schemas");
        if (schemas == null) {
            throw new AssertionError(service + " names no quarkus.flyway.schemas");
        }
        List<String> names = new ArrayList<>();
        for (String schema : schemas.split(",")) {
            names.add(schema.trim());
        }
        return names;
    }

    private String productionValue(String key) {
        String prod = properties.getProperty("%prod." + key);
        return prod != null ? prod : properties.getProperty(key);
    }

    private static String resolve(String value, Map<String, String> environment) {
        Matcher matcher = EXPRESSION.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String replacement = environment.getOrDefault(matcher.group(1), matcher.group(2));
            if (replacement == null) {
                throw new AssertionError("${" + matcher.group(1) + "} is set nowhere and has no default in " + value);
            }
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    /** The default of the expression whose name ends at {@code start}: the text up to its closing brace (nesting counted). */
    private static String defaultAfter(String value, int start) {
        int depth = 1;
        for (int i = start; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return value.substring(start, i);
            }
        }
        throw new AssertionError("unclosed ${ in " + value);
    }

    private static boolean appliesInProduction(String key) {
        return !key.startsWith("%") || key.startsWith("%prod.");
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try {
                properties.load(new StringReader(Repository.read(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return properties;
    }
}
