package dev.incidentlifecycle.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each service's src/main/docker/Dockerfile.jvm: the Quarkus fast-jar on the UBI OpenJDK 17 runtime. */
class ContainerImageTest {

    static List<String> services() {
        return Repository.services();
    }

    static String dockerfile(String service) {
        return Repository.read(service + "/src/main/docker/Dockerfile.jvm");
    }

    @ParameterizedTest
    @MethodSource("services")
    void dockerfileRunsTheFastJarOnTheOpenJdk17Runtime(String service) {
        String dockerfile = dockerfile(service);

        assertThat(dockerfile).containsPattern("(?m)^FROM registry\\.access\\.redhat\\.com/ubi9/openjdk-17-runtime(:[\\w.-]+)?$");
        assertThat(dockerfile)
                .contains("COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/")
                .contains("COPY --chown=185 target/quarkus-app/*.jar /deployments/")
                .contains("COPY --chown=185 target/quarkus-app/app/ /deployments/app/")
                .contains("COPY --chown=185 target/quarkus-app/quarkus/ /deployments/quarkus/")
                .contains("ENV JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"")
                .containsPattern("(?m)^USER 185$");
    }

    @ParameterizedTest
    @MethodSource("services")
    void dockerfileExposesTheServicesHttpPort(String service) {
        int port = ServiceConfiguration.of(service).httpPort();

        assertThat(dockerfile(service)).containsPattern("(?m)^EXPOSE " + port + "$");
    }

    @ParameterizedTest
    @MethodSource("services")
    void containerListensOnEveryInterface(String service) {
        // The services default to 127.0.0.1; an environment variable (not a -D option) so deployments can override it.
        assertThat(dockerfile(service)).containsPattern("(?m)^ENV QUARKUS_HTTP_HOST=0\\.0\\.0\\.0$");
    }

    @ParameterizedTest
    @MethodSource("services")
    void buildCommandTagsTheImageLikeTheManifestsNameIt(String service) {
        assertThat(dockerfile(service)).contains(
                "./mvnw package -pl " + service + " -am -DskipTests && docker build -f " + service
                        + "/src/main/docker/Dockerfile.jvm -t incident-lifecycle/" + service + " " + service);
    }

    @ParameterizedTest
    @MethodSource("services")
    void buildContextHoldsOnlyThePackagedApplication(String service) {
        String ignore = Repository.read(service + "/src/main/docker/Dockerfile.jvm.dockerignore");

        assertThat(ignore.lines().map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")))
                .containsExactly("*", "!target/quarkus-app");
    }
}
