package dev.incidentlifecycle.deploycheck;

import static dev.incidentlifecycle.deploycheck.KubernetesBase.serviceContainer;
import static dev.incidentlifecycle.deploycheck.YamlDocuments.at;
import static dev.incidentlifecycle.deploycheck.YamlDocuments.listAt;
import static dev.incidentlifecycle.deploycheck.YamlDocuments.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.incidentlifecycle.deploycheck.KafkaAccess.Acl;

/**
 * Kafka in deploy/ lets each service do exactly what its configuration needs and nothing more ({@link KafkaAccess}):
 * the KafkaUsers of deploy/kubernetes (SCRAM-SHA-512, simple authorization) and the users and ACLs that compose's
 * kafka-setup creates; every listener wants a login, and every Kafka client of a service logs in.
 */
class KafkaAclTest {

    private static final Pattern JAAS_USER = Pattern.compile("ScramLoginModule required username=\"([^\"]+)\" password=\"\\$\\{(\\w+)");

    private final KubernetesBase base = KubernetesBase.load();
    private final ComposeFile compose = ComposeFile.load();

    static List<String> services() {
        return Repository.services();
    }

    /** Every KafkaUser of deploy/kubernetes, by name. */
    static List<String> kafkaUsers() {
        return KubernetesBase.load().documents("KafkaUser").stream().map(user -> text(user, "metadata", "name")).toList();
    }

    @ParameterizedTest
    @MethodSource("services")
    void kafkaUserOfEachServiceMayDoExactlyWhatItsConfigurationNeeds(String service) {
        Set<Acl> needed = KafkaAccess.of(ServiceConfiguration.of(service)).acls();

        assertThat(kubernetesAcls().get(service)).as("ACLs of the KafkaUser %s (deploy/kubernetes/base)", service)
                .isNotNull()
                .containsExactlyElementsOf(needed);
    }

    @ParameterizedTest
    @MethodSource("services")
    void composeUserOfEachServiceMayDoExactlyWhatItsConfigurationNeeds(String service) {
        Set<Acl> needed = KafkaAccess.of(ServiceConfiguration.of(service)).acls();

        assertThat(composeAcls().get(service)).as("ACLs kafka-setup gives %s (%s)", service, ComposeFile.PATH)
                .isNotNull()
                .containsExactlyElementsOf(needed);
    }

    /** A user for a service not (yet) in this build, e.g. one another change adds: checked once its module exists. */
    @ParameterizedTest
    @MethodSource("kafkaUsers")
    void everyKafkaUserIsAServiceThatLogsInWithScram(String user) {
        Map<String, Object> resource = base.documents("KafkaUser").stream()
                .filter(candidate -> user.equals(text(candidate, "metadata", "name"))).findFirst().orElseThrow();

        assertThat(text(resource, "apiVersion")).isEqualTo("kafka.strimzi.io/v1");
        assertThat(text(resource, "metadata", "labels", "strimzi.io/cluster")).isEqualTo(kafkaCluster());
        assertThat(text(resource, "spec", "authentication", "type")).isEqualTo("scram-sha-512");
        assertThat(text(resource, "spec", "authorization", "type")).isEqualTo("simple");
        assertThat(composeAcls()).as("compose's kafka-setup has the same users").containsKey(user);
        assertThat(composeAcls().get(user)).as("compose ACLs of " + user).isEqualTo(kubernetesAcls().get(user));
        Assumptions.assumeTrue(services().contains(user), user + " is not a module of this build: its ACLs are checked against "
                + "its application.properties once it is");
    }

    @Test
    void everyListenerWantsAScramLoginOverTlsAndAclsDecide() {
        Map<String, Object> kafka = single("Kafka");

        assertThat(listAt(kafka, "spec", "kafka", "listeners")).isNotEmpty().allSatisfy(listener -> {
            assertThat(text(listener, "authentication", "type")).as("authentication of listener " + text(listener, "name"))
                    .isEqualTo("scram-sha-512");
            assertThat(text(listener, "tls")).as("TLS on listener " + text(listener, "name")).isEqualTo("true");
        });
        assertThat(text(kafka, "spec", "kafka", "authorization", "type")).isEqualTo("simple");
        assertThat(at(kafka, "spec", "entityOperator", "userOperator")).as("the user operator manages KafkaUsers").isNotNull();
    }

    @ParameterizedTest
    @MethodSource("services")
    void deploymentLogsInAsItsKafkaUserOverTheTlsListener(String service) {
        Map<String, Object> deployment = base.deployment(service);
        Map<String, Object> container = serviceContainer(deployment);
        Map<String, String> settings = base.plainValuesOf(container);
        Object listener = listAt(single("Kafka"), "spec", "kafka", "listeners").get(0);

        assertThat(listAt(container, "env")).as("KAFKA_SASL_JAAS_CONFIG of " + service).anySatisfy(entry -> {
            assertThat(text(entry, "name")).isEqualTo("KAFKA_SASL_JAAS_CONFIG");
            // The Secret the Strimzi user operator makes for the KafkaUser: named like it, with a sasl.jaas.config key.
            assertThat(text(entry, "valueFrom", "secretKeyRef", "name")).isEqualTo(service);
            assertThat(text(entry, "valueFrom", "secretKeyRef", "key")).isEqualTo("sasl.jaas.config");
        });
        assertThat(kafkaUsers()).contains(service);
        assertThat(settings)
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", kafkaCluster() + "-kafka-bootstrap:" + text(listener, "port"))
                .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                .containsEntry("KAFKA_SSL_TRUSTSTORE_TYPE", "PEM");
        assertMountedFromSecret(deployment, container, settings.get("KAFKA_SSL_TRUSTSTORE_LOCATION"),
                kafkaCluster() + "-cluster-ca-cert", "ca.crt");
    }

    @ParameterizedTest
    @MethodSource("services")
    void composeServiceLogsInAsItsOwnUser(String service) {
        Map<String, String> environment = compose.environment(service);
        Matcher jaas = JAAS_USER.matcher(environment.getOrDefault("KAFKA_SASL_JAAS_CONFIG", ""));

        assertThat(environment).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT").containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        assertThat(jaas.find()).as("KAFKA_SASL_JAAS_CONFIG of %s: %s", service, environment.get("KAFKA_SASL_JAAS_CONFIG")).isTrue();
        assertThat(jaas.group(1)).isEqualTo(service);
        // kafka-setup sets that user's password from the same variable.
        String setupVariable = composeUsers().get(service);
        assertThat(setupVariable).as("kafka-setup creates the user " + service).isNotNull();
        assertThat(compose.environment("kafka-setup").get(setupVariable)).contains("${" + jaas.group(2) + ":?");
    }

    @Test
    void composeBrokerTakesOnlyScramLoginsFromOtherContainersAndAuthorizesEveryRequest() {
        Map<String, String> kafka = compose.environment("kafka");
        Map<String, String> protocols = new LinkedHashMap<>();
        for (String pair : kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(",")) {
            protocols.put(pair.split(":")[0], pair.split(":")[1]);
        }

        for (String listener : kafka.get("KAFKA_LISTENERS").split(",")) {
            String name = listener.substring(0, listener.indexOf("://"));
            String address = listener.substring(listener.indexOf("://") + 3);
            if (!address.startsWith("127.0.0.1:")) {
                assertThat(protocols.get(name)).as("listener %s, reachable from other containers", name).isEqualTo("SASL_PLAINTEXT");
            }
        }
        assertThat(kafka).containsEntry("KAFKA_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512")
                .containsEntry("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false");
        assertThat(text(compose.service("kafka-setup"), "network_mode")).isEqualTo("service:kafka");
    }

    /** One Kafka configuration for every client: no client of a service is built from the bootstrap servers alone. */
    @Test
    void everyKafkaClientOfTheServicesGetsTheirWholeKafkaConfiguration() {
        List<String> modules = new ArrayList<>(services());
        modules.add("platform/event-store");
        modules.add("platform/web");
        List<String> offenders = new ArrayList<>();
        for (String module : modules) {
            Path sources = Repository.path(module + "/src/main/java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            for (Path file : Repository.files(module + "/src/main/java", ".java")) {
                if (Repository.read(file).contains("name = \"kafka.bootstrap.servers\"")) {
                    offenders.add(Repository.relative(file));
                }
            }
        }

        assertThat(offenders).as("Kafka clients configured from kafka.bootstrap.servers alone (take the service's "
                + "@Identifier(\"default-kafka-broker\") Map of kafka.* settings instead, as Consumers does)").isEmpty();
    }

    private Map<String, Set<Acl>> kubernetesAcls() {
        Map<String, Set<Acl>> users = new LinkedHashMap<>();
        for (Map<String, Object> user : base.documents("KafkaUser")) {
            Set<Acl> acls = new TreeSet<>();
            for (Object acl : listAt(user, "spec", "authorization", "acls")) {
                String name = text(acl, "resource", "name");
                assertThat(text(acl, "resource", "patternType")).as("pattern of " + name).isIn(null, "literal");
                assertThat(text(acl, "type")).as("ACL type of " + name).isIn(null, "allow");
                assertThat(text(acl, "host")).as("host of " + name).isIn(null, "*");
                String type = text(acl, "resource", "type").equals("transactionalId") ? "transactional-id" : text(acl, "resource", "type");
                for (Object operation : listAt(acl, "operations")) {
                    assertThat(acls.add(new Acl(type, name, operation.toString()))).as("listed once: " + operation + " " + name).isTrue();
                }
            }
            users.put(text(user, "metadata", "name"), acls);
        }
        return users;
    }

    private Map<String, Set<Acl>> composeAcls() {
        return ComposeKafkaSetup.of(compose).acls();
    }

    private Map<String, String> composeUsers() {
        return ComposeKafkaSetup.of(compose).users();
    }

    private String kafkaCluster() {
        return text(single("Kafka"), "metadata", "name");
    }

    private Map<String, Object> single(String kind) {
        List<Map<String, Object>> found = base.documents(kind);
        assertThat(found).as(kind + " resources").hasSize(1);
        return found.get(0);
    }

    /** The file at {@code location} is the key {@code key} of the Secret {@code secret}, mounted read-only. */
    static void assertMountedFromSecret(Map<String, Object> deployment, Map<String, Object> container, String location,
                                        String secret, String key) {
        assertThat(location).as("a file location").isNotNull();
        Path file = Path.of(location);
        Object mount = listAt(container, "volumeMounts").stream()
                .filter(candidate -> Path.of(text(candidate, "mountPath")).equals(file.getParent()))
                .findFirst().orElseThrow(() -> new AssertionError("nothing mounted at " + file.getParent()));
        Object volume = listAt(deployment, "spec", "template", "spec", "volumes").stream()
                .filter(candidate -> text(mount, "name").equals(text(candidate, "name")))
                .findFirst().orElseThrow();

        assertThat(text(mount, "readOnly")).isEqualTo("true");
        assertThat(text(volume, "secret", "secretName")).isEqualTo(secret);
        assertThat(listAt(volume, "secret", "items")).anySatisfy(item -> {
            assertThat(text(item, "key")).isEqualTo(key);
            assertThat(text(item, "path")).isEqualTo(file.getFileName().toString());
        });
    }
}
