package dev.incidentlifecycle.deploycheck;

import static dev.incidentlifecycle.deploycheck.KubernetesBase.containerPort;
import static dev.incidentlifecycle.deploycheck.KubernetesBase.serviceContainer;
import static dev.incidentlifecycle.deploycheck.YamlDocuments.at;
import static dev.incidentlifecycle.deploycheck.YamlDocuments.listAt;
import static dev.incidentlifecycle.deploycheck.YamlDocuments.mapAt;
import static dev.incidentlifecycle.deploycheck.YamlDocuments.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Deployments and Services of deploy/kubernetes/base against each service's configuration. */
class KubernetesDeploymentTest {

    private final KubernetesBase base = KubernetesBase.load();

    static List<String> services() {
        return Repository.services();
    }

    @Test
    void everyServiceHasADeploymentAndEveryDeploymentIsAService() {
        assertThat(base.deployments().keySet()).containsExactlyInAnyOrderElementsOf(services());
    }

    @Test
    void noOtherManifestHidesADeployment() {
        for (Path file : Repository.files(Kustomization.ROOT, ".yaml")) {
            if (file.startsWith(Repository.path(Kustomization.ROOT + "/base"))) {
                continue;
            }
            assertThat(YamlDocuments.of(file)).as(Repository.relative(file))
                    .noneMatch(document -> "Deployment".equals(text(document, "kind")));
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void deploymentRunsMoreThanOneReplica(String service) {
        Object replicas = at(base.deployment(service), "spec", "replicas");

        assertThat(replicas).as("replicas of " + service).isInstanceOf(Integer.class);
        assertThat((Integer) replicas).isGreaterThan(1);
    }

    @ParameterizedTest
    @MethodSource("services")
    void containerPortsAreTheServicesHttpAndManagementPorts(String service) {
        Map<String, Object> container = serviceContainer(base.deployment(service));
        ServiceConfiguration configuration = ServiceConfiguration.of(service);
        Map<String, String> settings = base.plainValuesOf(container);

        assertThat(listAt(container, "ports")).hasSize(2);
        assertThat(text(containerPort(container, "http"), "containerPort")).isEqualTo(String.valueOf(configuration.httpPort(settings)));
        assertThat(text(containerPort(container, "management"), "containerPort"))
                .isEqualTo(String.valueOf(configuration.managementPort(settings)));
        assertThat(settings).containsEntry("QUARKUS_MANAGEMENT_HOST", "0.0.0.0");
    }

    @ParameterizedTest
    @MethodSource("services")
    void probesAskForLivenessAndReadinessOnTheManagementPort(String service) {
        Map<String, Object> container = serviceContainer(base.deployment(service));
        int port = ServiceConfiguration.of(service).managementPort(base.plainValuesOf(container));

        assertProbe(container, "livenessProbe", "/q/health/live", port);
        assertProbe(container, "readinessProbe", "/q/health/ready", port);
        assertProbe(container, "startupProbe", "/q/health/started", port);
    }

    @ParameterizedTest
    @MethodSource("services")
    void prometheusScrapesTheManagementPort(String service) {
        Map<String, Object> deployment = base.deployment(service);
        int port = ServiceConfiguration.of(service).managementPort(base.plainValuesOf(serviceContainer(deployment)));

        assertThat(mapAt(deployment, "spec", "template", "metadata", "annotations"))
                .containsEntry("prometheus.io/port", String.valueOf(port))
                .containsEntry("prometheus.io/path", "/q/metrics");
    }

    /** The variables of the OpenID Connect login (platform/web OidcIssuer, prefix oidc), a documented contract. */
    @ParameterizedTest
    @MethodSource("services")
    void containerGetsTheOpenIdConnectLoginSettings(String service) {
        Map<String, String> settings = base.plainValuesOf(serviceContainer(base.deployment(service)));

        assertThat(settings).containsKeys("OIDC_ISSUER", "OIDC_AUDIENCE")
                .containsEntry("OIDC_ROLES_CLAIM", "realm_access.roles")
                .containsEntry("OIDC_TEAMS_CLAIM", "groups");
    }

    @ParameterizedTest
    @MethodSource("services")
    void containerVerifiesThePostgresServerWithTheMountedCa(String service) {
        Map<String, Object> deployment = base.deployment(service);
        Map<String, Object> container = serviceContainer(deployment);
        Map<String, String> settings = base.plainValuesOf(container);
        String ca = settings.get("QUARKUS_DATASOURCE_JDBC_ADDITIONAL_JDBC_PROPERTIES_SSLROOTCERT");

        assertThat(settings)
                .containsEntry("QUARKUS_DATASOURCE_JDBC_ADDITIONAL_JDBC_PROPERTIES_SSLMODE", "verify-full")
                .containsEntry("QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE", "verify-full")
                .containsEntry("QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM", "HTTPS")
                .containsEntry("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM", "true")
                .containsEntry("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS", ca)
                .doesNotContainKey("QUARKUS_DATASOURCE_REACTIVE_TRUST_ALL");
        KafkaAclTest.assertMountedFromSecret(deployment, container, ca, "incident-lifecycle-secrets", "postgres-ca.crt");
        assertThat(base.keysOf("Secret", "incident-lifecycle-secrets")).contains("postgres-ca.crt");
    }

    @ParameterizedTest
    @MethodSource("services")
    void containerRequestsCpuAndMemoryAndHasAMemoryLimit(String service) {
        Map<String, Object> resources = mapAt(serviceContainer(base.deployment(service)), "resources");

        assertThat(mapAt(resources, "requests")).containsKeys("cpu", "memory");
        assertThat(mapAt(resources, "limits")).containsKey("memory");
    }

    @ParameterizedTest
    @MethodSource("services")
    void imageIsNamedLikeTheComposeImageAndTheBuildCommand(String service) {
        String image = text(serviceContainer(base.deployment(service)), "image");
        List<String> imageOverrides = listAt(base.base().content(), "images").stream().map(entry -> text(entry, "name")).toList();

        assertThat(image.replaceFirst(":[^/]+$", "")).isEqualTo("incident-lifecycle/" + service);
        assertThat(text(ComposeFile.load().service(service), "image")).isEqualTo("incident-lifecycle/" + service);
        assertThat(imageOverrides).contains("incident-lifecycle/" + service);
    }

    @ParameterizedTest
    @MethodSource("services")
    void serviceRoutesToTheContainersHttpPort(String service) {
        Map<String, Object> container = serviceContainer(base.deployment(service));
        Map<String, Object> kubernetesService = base.documents("Service").stream()
                .filter(document -> service.equals(text(document, "metadata", "name")))
                .findFirst().orElseThrow(() -> new AssertionError("no Service " + service));
        int port = ServiceConfiguration.of(service).httpPort(base.plainValuesOf(container));

        assertThat(mapAt(kubernetesService, "spec", "selector"))
                .isEqualTo(mapAt(base.deployment(service), "spec", "selector", "matchLabels"));
        assertThat(listAt(kubernetesService, "spec", "ports")).singleElement().satisfies(servicePort -> {
            assertThat(text(servicePort, "port")).isEqualTo(String.valueOf(port));
            assertThat(text(containerPort(container, text(servicePort, "targetPort")), "containerPort")).isEqualTo(String.valueOf(port));
        });
    }

    @ParameterizedTest
    @MethodSource("services")
    void containerGetsEveryVariableItsConfigurationReads(String service) {
        ServiceConfiguration configuration = ServiceConfiguration.of(service);
        Map<String, Object> container = serviceContainer(base.deployment(service));

        assertThat(base.environmentOf(container))
                .as("variables %s reads (%s), from env and envFrom of its Deployment", service, configuration.variables())
                .containsAll(configuration.requiredVariables())
                .containsAll(configuration.variablesWithoutDefault());
        assertThat(base.plainValuesOf(container)).containsEntry("QUARKUS_HTTP_HOST", "0.0.0.0");
    }

    @ParameterizedTest
    @MethodSource("services")
    void everyConfigMapAndSecretReferenceNamesAKeyThatExists(String service) {
        Map<String, Object> container = serviceContainer(base.deployment(service));

        for (Object entry : listAt(container, "env")) {
            for (String kind : List.of("Secret", "ConfigMap")) {
                Object reference = at(entry, "valueFrom", kind.equals("Secret") ? "secretKeyRef" : "configMapKeyRef");
                if (reference != null) {
                    assertThat(base.keysOf(kind, text(reference, "name")))
                            .as(text(entry, "name") + " of " + service).contains(text(reference, "key"));
                }
            }
        }
        for (Object source : listAt(container, "envFrom")) {
            if (at(source, "configMapRef") != null) {
                assertThat(base.keysOf("ConfigMap", text(source, "configMapRef", "name"))).isNotEmpty();
            }
            if (at(source, "secretRef") != null) {
                assertThat(base.keysOf("Secret", text(source, "secretRef", "name"))).isNotEmpty();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void tokenKeyIsMountedWhereTheConfigurationLooksForIt(String service) {
        Map<String, Object> deployment = base.deployment(service);
        Map<String, Object> container = serviceContainer(deployment);
        String location = base.plainValuesOf(container).get("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        Path file = Path.of(location);

        Object mount = listAt(container, "volumeMounts").stream()
                .filter(candidate -> Path.of(text(candidate, "mountPath")).equals(file.getParent()))
                .findFirst().orElseThrow(() -> new AssertionError("nothing mounted at " + file.getParent() + " in " + service));
        Object volume = listAt(deployment, "spec", "template", "spec", "volumes").stream()
                .filter(candidate -> text(mount, "name").equals(text(candidate, "name")))
                .findFirst().orElseThrow();
        String secret = text(volume, "secret", "secretName");

        assertThat(listAt(volume, "secret", "items")).anySatisfy(item -> {
            assertThat(text(item, "path")).isEqualTo(file.getFileName().toString());
            assertThat(base.keysOf("Secret", secret)).contains(text(item, "key"));
        });
    }

    private static void assertProbe(Map<String, Object> container, String probe, String path, int port) {
        Object httpGet = at(container, probe, "httpGet");

        assertThat(httpGet).as(probe + " of " + text(container, "name")).isNotNull();
        assertThat(text(httpGet, "path")).as(probe + " path").isEqualTo(path);
        assertThat(text(containerPort(container, text(httpGet, "port")), "containerPort")).as(probe + " port")
                .isEqualTo(String.valueOf(port));
    }
}
