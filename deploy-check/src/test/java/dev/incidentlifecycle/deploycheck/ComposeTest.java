package dev.incidentlifecycle.deploycheck;

import static dev.incidentlifecycle.deploycheck.YamlDocuments.at;
import static dev.incidentlifecycle.deploycheck.YamlDocuments.listAt;
import static dev.incidentlifecycle.deploycheck.YamlDocuments.mapAt;
import static dev.incidentlifecycle.deploycheck.YamlDocuments.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.incidentlifecycle.infra.Topics;

/** deploy/compose.yaml against the services' configuration and platform/infra's topics. */
class ComposeTest {

    /** {@code create topic partitions}, or {@code events topic partitions} for a topic kept EVENT_RETENTION_MS. */
    private static final Pattern CREATE_TOPIC = Pattern.compile("(?m)^\\s*(create|events)\\s+(\\S+)\\s+(\\d+)\\s*$");

    private final ComposeFile compose = ComposeFile.load();

    static List<String> services() {
        return Repository.services();
    }

    @Test
    void kafkaRunsInKraftModeFromApacheKafkasImage() {
        Map<String, String> kafka = compose.environment("kafka");

        assertThat(text(compose.service("kafka"), "image")).isEqualTo("apache/kafka:" + Repository.kafkaVersion());
        assertThat(kafka.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(kafka).containsKeys("KAFKA_CONTROLLER_QUORUM_VOTERS", "CLUSTER_ID", "KAFKA_CONTROLLER_LISTENER_NAMES")
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        assertThat(kafka.get("KAFKA_ADVERTISED_LISTENERS")).contains("SASL_PLAINTEXT://kafka:9092");
    }

    @Test
    void topicsAreCreatedWithTheStandardPartitions() {
        List<Object> command = listAt(compose.service("kafka-setup"), "command");
        Map<String, Integer> created = new LinkedHashMap<>();
        Matcher matcher = CREATE_TOPIC.matcher(String.join("\n", command.stream().map(Object::toString).toList()));
        List<String> keptForEver = new java.util.ArrayList<>();
        while (matcher.find()) {
            created.put(matcher.group(2), Integer.parseInt(matcher.group(3)));
            if (matcher.group(1).equals("events")) {
                keptForEver.add(matcher.group(2));
            }
        }

        assertThat(created).isEqualTo(Topics.STANDARD);
        assertThat(keptForEver).as("topics kept for EVENT_RETENTION_MS").isEqualTo(Topics.EVENT_LOGS);
        assertThat(text(compose.service("kafka-setup"), "environment", "EVENT_RETENTION_MS")).isEqualTo("${EVENT_RETENTION_MS:--1}");
        assertThat(text(compose.service("kafka-setup"), "image")).isEqualTo(text(compose.service("kafka"), "image"));
        assertThat(text(compose.service("kafka-setup"), "depends_on", "kafka", "condition")).isEqualTo("service_healthy");
    }

    @Test
    void postgresIsVersion16AndCreatesWhatTheServicesConnectTo() {
        String init = text(compose.content(), "configs", "postgres-init", "content");
        Map<String, String> serviceEnvironment = compose.environment(services().get(0));

        assertThat(text(compose.service("postgres"), "image")).isEqualTo("postgres:16");
        assertThat(listAt(compose.service("postgres"), "configs")).anySatisfy(config -> {
            assertThat(text(config, "source")).isEqualTo("postgres-init");
            assertThat(text(config, "target")).startsWith("/docker-entrypoint-initdb.d/");
        });
        DatabaseInit.of(init).assertCreatesWhatServicesConnectTo(serviceEnvironment);
    }

    @ParameterizedTest
    @MethodSource("services")
    void serviceIsBuiltFromItsDockerfileAndNamedLikeIt(String service) {
        Map<String, Object> definition = compose.service(service);

        assertThat(text(definition, "image")).isEqualTo("incident-lifecycle/" + service);
        assertThat(compose.resolve(text(definition, "build", "context"))).isEqualTo(Repository.path(service));
        assertThat(text(definition, "build", "dockerfile")).isEqualTo("src/main/docker/Dockerfile.jvm");
        assertThat(Files.isRegularFile(Repository.path(service + "/src/main/docker/Dockerfile.jvm"))).isTrue();
    }

    @ParameterizedTest
    @MethodSource("services")
    void servicePublishesItsHttpPortAndItsManagementPortOnLoopbackOnly(String service) {
        ServiceConfiguration configuration = ServiceConfiguration.of(service);
        int port = configuration.httpPort(compose.environment(service));
        int management = configuration.managementPort(compose.environment(service));

        assertThat(compose.containerPorts(service)).containsExactly(port, management);
        assertThat(listAt(compose.service(service), "ports")).map(Object::toString)
                .contains("127.0.0.1:" + management + ":" + management);
        assertThat(compose.environment(service)).containsEntry("QUARKUS_MANAGEMENT_HOST", "0.0.0.0");
    }

    @ParameterizedTest
    @MethodSource("services")
    void serviceHealthcheckAsksForReadinessOnItsManagementPort(String service) {
        int port = ServiceConfiguration.of(service).managementPort(compose.environment(service));
        String test = String.join(" ", listAt(compose.service(service), "healthcheck", "test").stream().map(Object::toString).toList());

        assertThat(test).contains("/q/health/ready").contains(String.valueOf(port));
    }

    @ParameterizedTest
    @MethodSource("services")
    void serviceStartsOnceTheDatabaseIsHealthyAndTheTopicsExist(String service) {
        Map<String, Object> dependsOn = mapAt(compose.service(service), "depends_on");

        assertThat(text(dependsOn, "postgres", "condition")).isEqualTo("service_healthy");
        assertThat(text(dependsOn, "kafka-setup", "condition")).isEqualTo("service_completed_successfully");
    }

    @ParameterizedTest
    @MethodSource("services")
    void serviceGetsEveryVariableItsConfigurationReads(String service) {
        ServiceConfiguration configuration = ServiceConfiguration.of(service);

        assertThat(compose.environment(service).keySet())
                .as("variables %s reads (%s) set in %s", service, configuration.variables(), ComposeFile.PATH)
                .containsAll(configuration.requiredVariables())
                .contains("QUARKUS_HTTP_HOST");
        assertThat(compose.environment(service)).containsEntry("QUARKUS_HTTP_HOST", "0.0.0.0");
    }

    /** The variables of the OpenID Connect login (platform/web OidcIssuer, prefix oidc), a documented contract. */
    @ParameterizedTest
    @MethodSource("services")
    void serviceGetsTheOpenIdConnectLoginSettingsFromTheEnvironment(String service) {
        assertThat(compose.environment(service))
                .containsEntry("OIDC_ISSUER", "${OIDC_ISSUER:-}")
                .containsEntry("OIDC_AUDIENCE", "${OIDC_AUDIENCE:-}")
                .containsEntry("OIDC_ROLES_CLAIM", "${OIDC_ROLES_CLAIM:-realm_access.roles}")
                .containsEntry("OIDC_TEAMS_CLAIM", "${OIDC_TEAMS_CLAIM:-groups}");
    }

    @ParameterizedTest
    @MethodSource("services")
    void serviceVerifiesTokensWithTheKeyFileTheLauncherWrites(String service) {
        Map<String, String> environment = compose.environment(service);

        assertThat(listAt(compose.service(service), "secrets")).contains("jwt-public-key");
        assertThat(environment).containsEntry("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "/run/secrets/jwt-public-key");
        assertThat(text(at(compose.content(), "secrets"), "jwt-public-key", "file"))
                .isEqualTo("${JWT_PUBLIC_KEY_FILE:-../.data/keys/signing-key.pub.pem}");
    }
}
