package dev.incidentlifecycle.deploycheck;

import static dev.incidentlifecycle.deploycheck.YamlDocuments.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

class DeployFilesParseTest {

    @Test
    void everyYamlDocumentUnderDeployParses() {
        List<Path> files = Repository.files("deploy", ".yaml", ".yml");

        assertThat(files).extracting(Repository::relative)
                .contains(ComposeFile.PATH, Kustomization.ROOT + "/base/kustomization.yaml");
        SoftAssertions softly = new SoftAssertions();
        for (Path file : files) {
            softly.assertThat(YamlDocuments.of(file)).as(Repository.relative(file) + " holds a document").isNotEmpty();
        }
        softly.assertAll();
    }

    @Test
    void everyKubernetesManifestNamesItsApiKindAndName() {
        SoftAssertions softly = new SoftAssertions();
        for (Path file : Repository.files(Kustomization.ROOT, ".yaml", ".yml")) {
            boolean kustomization = file.getFileName().toString().equals("kustomization.yaml");
            for (Map<String, Object> document : YamlDocuments.of(file)) {
                String where = Repository.relative(file) + " (" + text(document, "kind") + " " + text(document, "metadata", "name") + ")";
                softly.assertThat(text(document, "apiVersion")).as(where + " apiVersion").isNotBlank();
                softly.assertThat(text(document, "kind")).as(where + " kind").isNotBlank();
                if (!kustomization) {
                    softly.assertThat(text(document, "metadata", "name")).as(where + " metadata.name").isNotBlank();
                }
            }
        }
        softly.assertAll();
    }
}
