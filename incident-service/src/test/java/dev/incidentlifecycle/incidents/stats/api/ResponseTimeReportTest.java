package dev.incidentlifecycle.incidents.stats.api;

import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static dev.incidentlifecycle.incidents.Http.PROBLEM;
import static dev.incidentlifecycle.incidents.Http.asReader;
import static dev.incidentlifecycle.incidents.Http.asResponder;
import static dev.incidentlifecycle.incidents.Http.command;
import static dev.incidentlifecycle.incidents.Http.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** MTTA / MTTM / MTTR on a known set of incidents whose milestones people back-dated. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "incident"))
class ResponseTimeReportTest {

    static final Instant DETECTED = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    static Instant at(int minutes) {
        return DETECTED.plus(Duration.ofMinutes(minutes));
    }

    /** Declared a minute after detection; each milestone back-dated to the given minute (null: not reached). */
    static String incident(String service, String severity, Integer acknowledged, Integer mitigated, Integer resolved) {
        String id = asResponder().body(Map.of("title", "Known incident", "severity", severity, "service", service,
                        "detectedAt", DETECTED.toString(), "occurredAt", at(1).toString()))
                .post("/incidents").then().statusCode(201).extract().jsonPath().getString("id");
        if (acknowledged != null) {
            command(id, "acknowledge", Map.of("occurredAt", at(acknowledged).toString()), null).then().statusCode(200);
        }
        if (mitigated != null) {
            command(id, "mitigate", Map.of("occurredAt", at(mitigated).toString()), null).then().statusCode(200);
        }
        if (resolved != null) {
            command(id, "resolve", Map.of("occurredAt", at(resolved).toString()), null).then().statusCode(200);
        }
        return id;
    }

    static void figures(JsonPath report, String path, int incidents, String mtta, String mttm, String mttr) {
        assertThat(report.getInt(path + ".incidents")).as(path + " incidents").isEqualTo(incidents);
        assertThat(report.getString(path + ".mtta.median") + " " + report.getString(path + ".mtta.p90")).as(path + " MTTA").isEqualTo(mtta);
        assertThat(report.getString(path + ".mttm.median") + " " + report.getString(path + ".mttm.p90")).as(path + " MTTM").isEqualTo(mttm);
        assertThat(report.getString(path + ".mttr.median") + " " + report.getString(path + ".mttr.p90")).as(path + " MTTR").isEqualTo(mttr);
    }

    @Test
    void medians_and_p90s_by_service_and_severity_from_detection() {
        String service = unique("ledger");
        String other = unique("ledger-ui");
        incident(service, "SEV2", 2, 10, 30);
        incident(service, "SEV2", 4, 20, 60);
        // Resolved without a separate mitigation: the resolution counts as the mitigation.
        incident(service, "SEV3", 6, null, 90);
        // Still open: counted in MTTA only.
        incident(service, "SEV3", 8, null, null);
        String id = incident(other, "SEV1", 3, null, null);

        JsonPath report = asReader().queryParam("service", service)
                .queryParam("from", DETECTED.minus(1, ChronoUnit.HOURS).toString())
                .queryParam("to", Instant.now().plusSeconds(60).toString())
                .get("/incidents/stats").then().statusCode(200).extract().jsonPath();

        // Nearest rank: MTTA over [2, 4, 6, 8] min: median the 2nd, p90 the 4th. MTTM over [10, 20, 90]; MTTR over [30, 60, 90].
        figures(report, "overall", 4, "PT4M PT8M", "PT20M PT1H30M", "PT1H PT1H30M");
        figures(report, "byService.'" + service + "'", 4, "PT4M PT8M", "PT20M PT1H30M", "PT1H PT1H30M");
        figures(report, "bySeverity.SEV2", 2, "PT2M PT4M", "PT10M PT20M", "PT30M PT1H");
        figures(report, "bySeverity.SEV3", 2, "PT6M PT8M", "PT1H30M PT1H30M", "PT1H30M PT1H30M");
        assertThat(report.getInt("overall.mttr.count")).isEqualTo(3);
        assertThat(report.getLong("overall.mtta.medianSeconds")).isEqualTo(240);
        assertThat(report.getMap("byService")).containsOnlyKeys(service);

        // Per incident, from detection.
        asReader().get("/incidents/" + id).then().statusCode(200)
                .body("timeToAcknowledge", equalTo("PT3M"),
                        "timeToResolve", nullValue());

        // A period that ends before the incidents were declared holds none of them.
        JsonPath before = asReader().queryParam("service", service).queryParam("to", DETECTED.toString())
                .get("/incidents/stats").then().statusCode(200).extract().jsonPath();
        assertThat(before.getInt("overall.incidents")).isZero();
        assertThat(before.getString("overall.mtta.median")).isNull();

        asReader().queryParam("from", "2026-03-02").get("/incidents/stats").then().statusCode(400).contentType(PROBLEM);
        // At most 366 days: no report reads more than a year of incidents.
        asReader().queryParam("from", Instant.now().minus(367, ChronoUnit.DAYS).toString()).get("/incidents/stats")
                .then().statusCode(400).contentType(PROBLEM).body("detail", org.hamcrest.Matchers.containsString("366 days"));
        asReader().queryParam("from", Instant.now().toString()).queryParam("to", DETECTED.toString())
                .get("/incidents/stats").then().statusCode(400).contentType(PROBLEM);
    }
}
