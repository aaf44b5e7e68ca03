package dev.incidentlifecycle.deploycheck;

import static dev.incidentlifecycle.deploycheck.YamlDocuments.at;
import static dev.incidentlifecycle.deploycheck.YamlDocuments.listAt;
import static dev.incidentlifecycle.deploycheck.YamlDocuments.mapAt;
import static dev.incidentlifecycle.deploycheck.YamlDocuments.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.incidentlifecycle.testing.Command;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders every overlay with Kustomize (kubectl's built-in one), the way {@code kubectl apply -k} would, and checks
 * what a cluster would receive: one namespace, and every ConfigMap and Secret a workload refers to present under its
 * generated (hashed) name. Needs kubectl on the PATH, and no cluster; skipped where kubectl is missing.
 */
class KustomizeBuildTest {

    private static final String NAMESPACE = "incident-lifecycle";
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");
    private static final String IN_CLUSTER_POSTGRES = "overlays/in-cluster-postgres";
    /** What verifies the PostgreSQL server (base/config.env): libpq's verify-full, for JDBC and the reactive client. */
    private static final Map<String, String> VERIFY_FULL = Map.of(
            "QUARKUS_DATASOURCE_JDBC_ADDITIONAL_JDBC_PROPERTIES_SSLMODE", "verify-full",
            "QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE", "verify-full",
            "QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM", "HTTPS",
            "QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM", "true");

    @TempDir
    Path copy;

    @BeforeEach
    void copyTheManifestsWithStandInSecrets() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Command.onPath("kubectl").isPresent(), "kubectl is not on the PATH");
        Path source = Repository.path(Kustomization.ROOT);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        // What whoever deploys provides (see secrets/kustomization.yaml): stand-ins with the example's keys.
        Path secrets = copy.resolve("secrets");
        List<String> lines = Files.readAllLines(secrets.resolve("secrets.env.example")).stream()
                .map(line -> line.endsWith("=") && !line.startsWith("#") ? line + "stand-in" : line)
                .toList();
        Files.write(secrets.resolve("secrets.env"), lines);
        Files.writeString(secrets.resolve("signing-key.pub.pem"),
                "-----BEGIN PUBLIC KEY-----\nstand-in\n-----END PUBLIC KEY-----\n", StandardCharsets.UTF_8);
        // The in-cluster PostgreSQL's certificate and the CA the services verify it with, as its make-tls.sh makes them.
        if (Command.onPath("openssl").isPresent()) {
            run(List.of(copy.resolve(IN_CLUSTER_POSTGRES + "/make-tls.sh").toString()));
        } else {
            Path tls = Files.createDirectories(copy.resolve(IN_CLUSTER_POSTGRES + "/tls"));
            for (Path file : List.of(tls.resolve("server.crt"), tls.resolve("server.key"), secrets.resolve("postgres-ca.crt"))) {
                Files.writeString(file, "stand-in\n", StandardCharsets.UTF_8);
            }
        }
    }

    @Test
    void inClusterPostgresOverlayRendersCompletely() throws Exception {
        List<Map<String, Object>> rendered = build(copy.resolve("overlays/in-cluster-postgres"));

        assertComplete(rendered);
        assertThat(kinds(rendered)).contains("Deployment", "StatefulSet", "Kafka", "KafkaNodePool", "KafkaTopic", "Secret");
    }

    @Test
    void everyOverlayVerifiesThePostgresServerAgainstTheMountedCa() throws Exception {
        for (String overlay : List.of(IN_CLUSTER_POSTGRES, "overlays/managed-postgres")) {
            List<Map<String, Object>> rendered = build(copy.resolve(overlay));
            Map<String, String> settings = sharedSettings(rendered);

            assertThat(settings).as(overlay).containsAllEntriesOf(VERIFY_FULL).doesNotContainKey("QUARKUS_DATASOURCE_REACTIVE_TRUST_ALL");
            String ca = settings.get("QUARKUS_DATASOURCE_JDBC_ADDITIONAL_JDBC_PROPERTIES_SSLROOTCERT");
            assertThat(settings).containsEntry("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS", ca);
            for (Map<String, Object> deployment : rendered.stream().filter(r -> "Deployment".equals(text(r, "kind"))).toList()) {
                Object volume = listAt(deployment, "spec", "template", "spec", "volumes").stream()
                        .filter(v -> listAt(v, "secret", "items").stream().anyMatch(item -> text(item, "key").equals("postgres-ca.crt")))
                        .findFirst().orElseThrow(() -> new AssertionError("no postgres-ca.crt volume in " + text(deployment, "metadata", "name")));
                Object container = listAt(deployment, "spec", "template", "spec", "containers").get(0);
                assertThat(listAt(container, "volumeMounts")).as("CA mounted in " + text(deployment, "metadata", "name"))
                        .anySatisfy(mount -> {
                            assertThat(text(mount, "name")).isEqualTo(text(volume, "name"));
                            assertThat(Path.of(text(mount, "mountPath")).resolve("ca.crt")).isEqualTo(Path.of(ca));
                        });
            }
        }
    }

    @Test
    void inClusterPostgresServesACertificateTheServicesVerify() throws Exception {
        Assumptions.assumeTrue(Command.onPath("openssl").isPresent(), "openssl is not on the PATH");
        List<Map<String, Object>> rendered = build(copy.resolve(IN_CLUSTER_POSTGRES));
        String host = java.net.URI.create(sharedSettings(rendered).get("DB_JDBC_URL").substring("jdbc:".length())).getHost();
        Map<String, Object> postgres = rendered.stream().filter(r -> "StatefulSet".equals(text(r, "kind"))).findFirst().orElseThrow();
        Object container = listAt(postgres, "spec", "template", "spec", "containers").get(0);
        Path tls = copy.resolve(IN_CLUSTER_POSTGRES + "/tls");

        assertThat(String.join(" ", listAt(container, "args").stream().map(Object::toString).toList())).contains("ssl=on");
        assertThat(listAt(postgres, "spec", "template", "spec", "volumes"))
                .anySatisfy(volume -> assertThat(text(volume, "secret", "secretName")).startsWith("postgres-tls-"));
        assertThat(run(List.of("openssl", "verify", "-CAfile", copy.resolve("secrets/postgres-ca.crt").toString(),
                tls.resolve("server.crt").toString()))).contains("OK");
        assertThat(run(List.of("openssl", "x509", "-noout", "-ext", "subjectAltName", "-in", tls.resolve("server.crt").toString())))
                .contains("DNS:" + host + ",");
    }

    @Test
    void managedPostgresOverlayRendersCompletely() throws Exception {
        List<Map<String, Object>> rendered = build(copy.resolve("overlays/managed-postgres"));

        assertComplete(rendered);
        assertThat(kinds(rendered)).doesNotContain("StatefulSet");
        assertThat(sharedSettings(rendered).get("DB_JDBC_URL")).doesNotContain("//postgres:");
    }

    @Test
    void optionalComponentsTurnOnJsonLogsAndTracing() throws Exception {
        Path withOptions = copy.resolve("with-options");
        Files.createDirectories(withOptions);
        Files.writeString(withOptions.resolve("kustomization.yaml"), String.join("\n",
                "apiVersion: kustomize.config.k8s.io/v1beta1",
                "kind: Kustomization",
                "resources: [../overlays/in-cluster-postgres]",
                "components: [../components/json-logs, ../components/tracing]", ""));

        List<Map<String, Object>> rendered = build(withOptions);

        assertComplete(rendered);
        assertThat(sharedSettings(rendered))
                .containsEntry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true")
                .containsKey("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
    }

    private static void assertComplete(List<Map<String, Object>> rendered) {
        Set<String> present = new HashSet<>();
        for (Map<String, Object> resource : rendered) {
            present.add(text(resource, "kind") + "/" + text(resource, "metadata", "name"));
            // Made by the Strimzi operators: a Secret per KafkaUser (its login), and the cluster CA's certificate.
            if ("KafkaUser".equals(text(resource, "kind"))) {
                present.add("Secret/" + text(resource, "metadata", "name"));
            }
            if ("Kafka".equals(text(resource, "kind"))) {
                present.add("Secret/" + text(resource, "metadata", "name") + "-cluster-ca-cert");
            }
            if (!CLUSTER_SCOPED.contains(text(resource, "kind"))) {
                assertThat(text(resource, "metadata", "namespace")).as(text(resource, "kind") + " " + text(resource, "metadata", "name"))
                        .isEqualTo(NAMESPACE);
            }
        }
        for (Map<String, Object> workload : rendered) {
            if (!List.of("Deployment", "StatefulSet").contains(text(workload, "kind"))) {
                continue;
            }
            List<String> references = new ArrayList<>();
            Object pod = at(workload, "spec", "template", "spec");
            for (Object container : listAt(pod, "containers")) {
                for (Object source : listAt(container, "envFrom")) {
                    Optional.ofNullable(text(source, "configMapRef", "name")).ifPresent(name -> references.add("ConfigMap/" + name));
                    Optional.ofNullable(text(source, "secretRef", "name")).ifPresent(name -> references.add("Secret/" + name));
                }
                for (Object entry : listAt(container, "env")) {
                    Optional.ofNullable(text(entry, "valueFrom", "secretKeyRef", "name")).ifPresent(name -> references.add("Secret/" + name));
                    Optional.ofNullable(text(entry, "valueFrom", "configMapKeyRef", "name")).ifPresent(name -> references.add("ConfigMap/" + name));
                }
            }
            for (Object volume : listAt(pod, "volumes")) {
                Optional.ofNullable(text(volume, "secret", "secretName")).ifPresent(name -> references.add("Secret/" + name));
                Optional.ofNullable(text(volume, "configMap", "name")).ifPresent(name -> references.add("ConfigMap/" + name));
            }
            assertThat(present).as("what " + text(workload, "metadata", "name") + " refers to").containsAll(references);
        }
    }

    private static Map<String, String> sharedSettings(List<Map<String, Object>> rendered) {
        return rendered.stream()
                .filter(resource -> "ConfigMap".equals(text(resource, "kind")))
                .filter(resource -> text(resource, "metadata", "name").startsWith("incident-lifecycle-config-"))
                .findFirst()
                .map(resource -> mapAt(resource, "data").entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, entry -> String.valueOf(entry.getValue()))))
                .orElseThrow(() -> new AssertionError("no generated incident-lifecycle-config ConfigMap"));
    }

    private static List<String> kinds(List<Map<String, Object>> rendered) {
        return rendered.stream().map(resource -> text(resource, "kind")).distinct().toList();
    }

    private List<Map<String, Object>> build(Path kustomization) throws IOException {
        Command.Result rendered = Command.run(List.of(Command.onPath("kubectl").orElseThrow().toString(), "kustomize",
                kustomization.toString()), Duration.ofMinutes(2));
        assertThat(rendered.status()).as("kubectl kustomize %s: %s", copy.relativize(kustomization), rendered.errors())
                .isZero();
        Path output = Files.writeString(copy.resolve("rendered.yaml"), rendered.output());
        return YamlDocuments.of(output);
    }

    /** Runs a command to its end and returns what it printed; fails unless it exits with 0. */
    private static String run(List<String> command) {
        Command.Result result = Command.run(command, Duration.ofMinutes(1));
        assertThat(result.status()).as("%s: %s", command, result.transcript()).isZero();
        return result.transcript();
    }
}
