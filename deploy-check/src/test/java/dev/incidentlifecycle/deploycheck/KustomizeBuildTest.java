package dev.incidentlifecycle.deploycheck;

import static dev.incidentlifecycle.deploycheck.YamlDocuments.at;
import static dev.incidentlifecycle.deploycheck.YamlDocuments.listAt;
import static dev.incidentlifecycle.deploycheck.YamlDocuments.mapAt;
import static dev.incidentlifecycle.deploycheck.YamlDocuments.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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

    @TempDir
    Path copy;

    @BeforeEach
    void copyTheManifestsWithStandInSecrets() throws IOException {
        Assumptions.assumeTrue(kubectl().isPresent(), "kubectl is not on the PATH");
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
    }

    @Test
    void inClusterPostgresOverlayRendersCompletely() throws Exception {
        List<Map<String, Object>> rendered = build(copy.resolve("overlays/in-cluster-postgres"));

        assertComplete(rendered);
        assertThat(kinds(rendered)).contains("Deployment", "StatefulSet", "Kafka", "KafkaNodePool", "KafkaTopic", "Secret");
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

    private List<Map<String, Object>> build(Path kustomization) throws IOException, InterruptedException {
        Path output = copy.resolve("rendered.yaml");
        Path errors = copy.resolve("kustomize-errors.txt");
        Process process = new ProcessBuilder(kubectl().orElseThrow().toString(), "kustomize", kustomization.toString())
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile())
                .start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("kubectl kustomize did not finish in 2 minutes");
        }
        assertThat(process.exitValue()).as("kubectl kustomize %s: %s", copy.relativize(kustomization), Files.readString(errors))
                .isZero();
        return YamlDocuments.of(output);
    }

    private static Optional<Path> kubectl() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(folder -> !folder.isEmpty())
                .map(folder -> Path.of(folder, "kubectl"))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
