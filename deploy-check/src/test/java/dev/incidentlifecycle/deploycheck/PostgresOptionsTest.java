package dev.incidentlifecycle.deploycheck;

import static dev.incidentlifecycle.deploycheck.YamlDocuments.listAt;
import static dev.incidentlifecycle.deploycheck.YamlDocuments.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The two PostgreSQL options of deploy/kubernetes: a StatefulSet in the cluster, or a managed server. */
class PostgresOptionsTest {

    private final KubernetesBase base = KubernetesBase.load();
    private final Kustomization inCluster = Kustomization.of(Kustomization.ROOT + "/overlays/in-cluster-postgres");

    @Test
    void inClusterInitCreatesWhatTheServicesConnectTo() {
        DatabaseInit.of(Repository.read(inCluster.folder().resolve("init-database.sh")))
                .assertCreatesWhatServicesConnectTo(base.configMapValues("incident-lifecycle-config"));
    }

    @Test
    void statefulSetIsTheHostTheServicesConnectToAndRunsTheInitScript() {
        Map<String, Object> statefulSet = inCluster.resourceDocuments().stream()
                .filter(document -> "StatefulSet".equals(text(document, "kind"))).findFirst().orElseThrow();
        Map<String, Object> service = inCluster.resourceDocuments().stream()
                .filter(document -> "Service".equals(text(document, "kind"))).findFirst().orElseThrow();
        URI jdbc = URI.create(base.configMapValues("incident-lifecycle-config").get("DB_JDBC_URL").substring("jdbc:".length()));
        Map<String, Object> container = YamlDocuments.map(listAt(statefulSet, "spec", "template", "spec", "containers").get(0));

        assertThat(text(service, "metadata", "name")).isEqualTo(jdbc.getHost());
        assertThat(text(statefulSet, "spec", "serviceName")).isEqualTo(jdbc.getHost());
        assertThat(text(listAt(service, "spec", "ports").get(0), "port")).isEqualTo(String.valueOf(jdbc.getPort()));
        assertThat(text(container, "image")).isEqualTo("postgres:16");
        assertThat(listAt(inCluster.content(), "configMapGenerator")).anySatisfy(generator -> {
            assertThat(text(generator, "name")).isEqualTo("postgres-init");
            assertThat(listAt(statefulSet, "spec", "template", "spec", "volumes"))
                    .anySatisfy(volume -> assertThat(text(volume, "configMap", "name")).isEqualTo("postgres-init"));
        });
        assertThat(listAt(container, "volumeMounts"))
                .anySatisfy(mount -> assertThat(text(mount, "mountPath")).isEqualTo("/docker-entrypoint-initdb.d"));
        for (Object entry : listAt(container, "env")) {
            String secret = text(entry, "valueFrom", "secretKeyRef", "name");
            if (secret != null) {
                assertThat(base.keysOf("Secret", secret)).contains(text(entry, "valueFrom", "secretKeyRef", "key"));
            }
        }
    }

    /** The base verifies the server (KubernetesDeploymentTest); no overlay or component may loosen that. */
    @Test
    void noOverlayOrComponentLoosensTheVerificationOfThePostgresServer() {
        for (Kustomization kustomization : Kustomization.all()) {
            for (Object generator : listAt(kustomization.content(), "configMapGenerator")) {
                for (Object literal : listAt(generator, "literals")) {
                    String[] pair = literal.toString().split("=", 2);
                    assertThat(pair[0]).as(kustomization.name() + ": " + literal)
                            .doesNotContain("TRUST_ALL").doesNotContain("SSLROOTCERT").doesNotContain("TRUST_CERTIFICATE")
                            .doesNotContain("HOSTNAME_VERIFICATION");
                    if (pair[0].endsWith("SSLMODE") || pair[0].endsWith("SSL_MODE")) {
                        assertThat(pair[1]).as(kustomization.name() + ": " + literal).isEqualTo("verify-full");
                    }
                }
            }
        }
    }

    @Test
    void managedOptionPointsBothUrlsAtOneDatabaseWithoutParameters() {
        Kustomization managed = Kustomization.of(Kustomization.ROOT + "/overlays/managed-postgres");
        Map<String, String> literals = new LinkedHashMap<>();
        listAt(managed.content(), "configMapGenerator").stream()
                .filter(generator -> "incident-lifecycle-config".equals(text(generator, "name")))
                .peek(generator -> assertThat(text(generator, "behavior")).isEqualTo("merge"))
                .flatMap(generator -> listAt(generator, "literals").stream())
                .forEach(literal -> {
                    String[] pair = literal.toString().split("=", 2);
                    literals.put(pair[0], pair[1]);
                });
        URI jdbc = URI.create(literals.get("DB_JDBC_URL").substring("jdbc:".length()));
        URI reactive = URI.create(literals.get("DB_REACTIVE_URL"));

        // The services append their own ?currentSchema= / ?search_path=: a parameter here would break both URLs.
        assertThat(jdbc.getQuery()).isNull();
        assertThat(reactive.getQuery()).isNull();
        assertThat(reactive.getHost()).isEqualTo(jdbc.getHost());
        assertThat(reactive.getPath()).isEqualTo(jdbc.getPath());
        assertThat(literals).containsKey("DB_USERNAME");
    }
}
