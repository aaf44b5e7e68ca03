package dev.incidentlifecycle.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The deploy guides tell where each service's health, metrics, OpenAPI and Swagger UI are: its management port, as its
 * configuration sets it ({@code quarkus.management.port}), for every service, including one added later.
 */
class ManagementPortDocsTest {

    /** The guides that list the management port of each service, as "{@code <service> <port>}". */
    private static final List<String> GUIDES = List.of("deploy/README.md", Kustomization.ROOT + "/README.md");

    static List<String> services() {
        return Repository.services();
    }

    @ParameterizedTest
    @MethodSource("services")
    void deployGuidesNameTheServicesManagementPort(String service) {
        String named = service + " " + ServiceConfiguration.of(service).managementPort();

        for (String guide : GUIDES) {
            assertThat(Repository.read(guide).replaceAll("\\s+", " ")).as("%s names the management port: %s", guide, named)
                    .contains(named);
        }
    }
}
