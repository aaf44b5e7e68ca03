package dev.incidentlifecycle.deploycheck;

import static dev.incidentlifecycle.deploycheck.YamlDocuments.listAt;
import static dev.incidentlifecycle.deploycheck.YamlDocuments.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** The kustomizations under deploy/kubernetes name files and folders that exist, and the overlays are complete. */
class KustomizationTest {

    @Test
    void everyListedFileOrFolderExists() {
        SoftAssertions softly = new SoftAssertions();
        for (Kustomization kustomization : Kustomization.all()) {
            for (Path folder : concat(kustomization.resources(), kustomization.components())) {
                if (!Files.isRegularFile(folder)) {
                    softly.assertThat(folder.resolve("kustomization.yaml"))
                            .as(kustomization.name() + " lists " + Repository.relative(folder)).isRegularFile();
                }
            }
            for (Path file : concat(kustomization.patchFiles(), kustomization.generatorFiles())) {
                if (!operatorProvided(file)) {
                    softly.assertThat(file).as(kustomization.name() + " lists " + Repository.relative(file)).isRegularFile();
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void filesTheOperatorProvidesAreKeptOutOfGitAndExplained() {
        List<Path> provided = Kustomization.all().stream()
                .flatMap(kustomization -> kustomization.generatorFiles().stream())
                .filter(KustomizationTest::operatorProvided)
                .toList();
        String readme = Repository.read(Kustomization.ROOT + "/README.md");

        assertThat(provided).extracting(file -> file.getFileName().toString())
                .containsExactlyInAnyOrder("secrets.env", "signing-key.pub.pem", "postgres-ca.crt", "server.crt", "server.key");
        for (Path file : provided) {
            assertThat(readme).as("README explains " + file.getFileName()).contains(file.getFileName().toString());
            if (file.getFileName().toString().endsWith(".env")) {
                assertThat(file.resolveSibling(file.getFileName() + ".example")).isRegularFile();
            }
        }
    }

    @Test
    void everyOverlayIncludesTheBaseAndTheSecrets() {
        Path overlays = Repository.path(Kustomization.ROOT + "/overlays");
        List<Kustomization> found = Kustomization.all().stream().filter(k -> k.folder().getParent().equals(overlays)).toList();

        assertThat(found).extracting(Kustomization::name).contains(
                Kustomization.ROOT + "/overlays/in-cluster-postgres", Kustomization.ROOT + "/overlays/managed-postgres");
        for (Kustomization overlay : found) {
            assertThat(overlay.resources()).as(overlay.name()).contains(Repository.path(Kustomization.ROOT + "/base"));
            assertThat(overlay.components()).as(overlay.name()).contains(Repository.path(Kustomization.ROOT + "/secrets"));
            assertThat(text(overlay.content(), "namespace")).isEqualTo(text(Kustomization.of(Kustomization.ROOT + "/base").content(), "namespace"));
        }
    }

    @Test
    void optionalComponentsOnlyChangeTheSharedSettings() {
        for (String component : List.of("components/json-logs", "components/tracing")) {
            Map<String, Object> content = Kustomization.of(Kustomization.ROOT + "/" + component).content();

            assertThat(text(content, "kind")).isEqualTo("Component");
            assertThat(listAt(content, "configMapGenerator")).allSatisfy(generator -> {
                assertThat(text(generator, "name")).isEqualTo("incident-lifecycle-config");
                assertThat(text(generator, "behavior")).isEqualTo("merge");
            });
        }
    }

    /**
     * A file never committed (a .gitignore of its folder or of a folder above it, within deploy/kubernetes, names it or
     * a folder it is in): whoever deploys creates it, as the README tells.
     */
    static boolean operatorProvided(Path file) {
        Path root = Repository.path(Kustomization.ROOT);
        for (Path folder = file.getParent(); folder != null && folder.startsWith(root); folder = folder.getParent()) {
            Path ignore = folder.resolve(".gitignore");
            String relative = folder.relativize(file).toString().replace('\\', '/');
            if (Files.isRegularFile(ignore) && Repository.read(ignore).lines().map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .anyMatch(line -> line.equals(relative) || (line.endsWith("/") && relative.startsWith(line)))) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> concat(List<Path> first, List<Path> second) {
        List<Path> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
