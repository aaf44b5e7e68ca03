package dev.incidentlifecycle.actions.team.api;

import dev.incidentlifecycle.actions.AdjustableClock;
import dev.incidentlifecycle.actions.ReviewOutcomes;
import dev.incidentlifecycle.actions.ReviewOutcomes.Item;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static dev.incidentlifecycle.actions.Api.awaitItem;
import static dev.incidentlifecycle.actions.Api.memberOf;
import static dev.incidentlifecycle.actions.Api.reader;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "actions"))
class TeamSummaryResourceTest {

    @Inject
    AdjustableClock clock;

    @AfterEach
    void systemTime() {
        clock.useSystemTime();
    }

    void at(String instant, String command, UUID item, String team, String body) {
        clock.set(Instant.parse(instant));
        var request = given().auth().oauth2(memberOf(team));
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        request.post("/action-items/" + item + "/" + command).then().statusCode(200);
    }

    @Test
    void figures_of_a_known_set() {
        String team = "summary-" + UUID.randomUUID().toString().substring(0, 8);
        Item overdue = Item.of("A", "DETECT", team).due(LocalDate.parse("2026-05-20"));
        Item started = Item.of("B", "PREVENT", team).due(LocalDate.parse("2026-06-30"));
        Item onTime = Item.of("C", "PROCESS", team).due(LocalDate.parse("2026-05-25"));
        Item wontDo = Item.of("D", "LEARN", team).due(LocalDate.parse("2026-06-15"));
        Item open = Item.of("E", "MITIGATE", team).due(LocalDate.parse("2026-07-01"));
        Item late = Item.of("F", "DETECT", team).due(LocalDate.parse("2026-05-30"));
        ReviewOutcomes.review().publishedAt(Instant.parse("2026-05-01T12:00:00Z")).with(overdue, started, onTime, wontDo).publish();
        ReviewOutcomes.review().publishedAt(Instant.parse("2026-05-22T12:00:00Z")).with(open, late).publish();
        awaitItem(wontDo.id());
        awaitItem(late.id());

        at("2026-05-23T09:00:00Z", "start", started.id(), team, null);
        at("2026-05-23T10:00:00Z", "wont-do", wontDo.id(), team, "{\"justification\": \"The service is retired in June\"}");
        at("2026-05-24T10:00:00Z", "complete", onTime.id(), team, "{\"resolutionNote\": \"Runbook written\"}");
        at("2026-05-31T10:00:00Z", "complete", late.id(), team, "{\"resolutionNote\": \"Alert added\"}");
        clock.set(Instant.parse("2026-06-01T12:00:00Z"));

        // Open ages: A and B 31 days, E 10 days; only A is past its due date; C on time, F a day late.
        given().auth().oauth2(reader()).get("/teams/" + team + "/action-items/summary").then().statusCode(200)
                .body("team", equalTo(team),
                        "total", equalTo(6),
                        "countsByStatus.OPEN", equalTo(2),
                        "countsByStatus.IN_PROGRESS", equalTo(1),
                        "countsByStatus.DONE", equalTo(2),
                        "countsByStatus.WONT_DO", equalTo(1),
                        "overdue", equalTo(1),
                        "completed", equalTo(2),
                        "completedOnTime", equalTo(1),
                        "completedOnTimeShare", equalTo(0.5f),
                        "medianOpenAgeDays", equalTo(31.0f));
    }

    @Test
    void a_team_without_items_has_zeros() {
        given().auth().oauth2(reader()).get("/teams/nobody-" + UUID.randomUUID() + "/action-items/summary").then().statusCode(200)
                .body("total", equalTo(0), "countsByStatus.OPEN", equalTo(0), "overdue", equalTo(0),
                        "completedOnTimeShare", equalTo(null), "medianOpenAgeDays", equalTo(null));
    }
}
