package dev.incidentlifecycle.actions.overdue;

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

import static dev.incidentlifecycle.actions.Api.admin;
import static dev.incidentlifecycle.actions.Api.awaitItem;
import static dev.incidentlifecycle.actions.Api.eventTypes;
import static dev.incidentlifecycle.actions.Api.item;
import static dev.incidentlifecycle.actions.Api.memberOf;
import static dev.incidentlifecycle.actions.Api.reader;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "actions"))
class OverdueSweepTest {

    @Inject
    AdjustableClock clock;

    @AfterEach
    void systemTime() {
        clock.useSystemTime();
    }

    static void sweep() {
        given().auth().oauth2(admin()).post("/admin/overdue-sweep").then().statusCode(200);
    }

    static long overdueEvents(UUID id) {
        return eventTypes(id).stream().filter("action-item.overdue"::equals).count();
    }

    @Test
    void an_item_goes_overdue_once_per_due_date_by_the_service_clock() {
        String team = "overdue-" + UUID.randomUUID().toString().substring(0, 8);
        // Published on 2 March, SEV1 detect: due on 1 April by the SLA. Dates far from today's keep other tests out.
        Item item = Item.of("Alert on payment queue depth", "DETECT", team);
        Item done = Item.of("Fix the pool size", "PREVENT", team).due(LocalDate.parse("2026-03-20"));
        ReviewOutcomes.review().publishedAt(Instant.parse("2026-03-02T10:00:00Z")).with(item, done).publish();
        awaitItem(item.id());
        awaitItem(done.id());
        clock.set(Instant.parse("2026-03-10T10:00:00Z"));
        given().auth().oauth2(memberOf(team)).contentType(ContentType.JSON).body("{\"resolutionNote\": \"Pool sized by load\"}")
                .post("/action-items/" + done.id() + "/complete").then().statusCode(200);

        clock.set(Instant.parse("2026-04-01T23:59:00Z"));
        sweep();
        assertThat(overdueEvents(item.id())).isZero();
        assertThat(item(item.id()).getBoolean("overdue")).isFalse();

        clock.set(Instant.parse("2026-04-02T00:01:00Z"));
        sweep();
        sweep();
        clock.set(Instant.parse("2026-04-05T08:00:00Z"));
        sweep();
        assertThat(overdueEvents(item.id())).isEqualTo(1);
        assertThat(item(item.id()).getBoolean("overdue")).isTrue();
        assertThat(overdueEvents(done.id())).isZero();
        assertThat(item(done.id()).getBoolean("overdue")).isFalse();
        given().auth().oauth2(reader()).get("/action-items/" + item.id() + "/events").then().statusCode(200)
                .body("find { it.type == 'action-item.overdue' }.payload.dueDate", org.hamcrest.Matchers.equalTo("2026-04-01"))
                .body("find { it.type == 'action-item.overdue' }.actor", org.hamcrest.Matchers.equalTo("actions-service"))
                .body("find { it.type == 'action-item.overdue' }.occurredAt", org.hamcrest.Matchers.equalTo("2026-04-02T00:01:00Z"));
        assertThat(given().auth().oauth2(reader()).get("/action-items?team=" + team + "&overdue=true")
                .then().extract().jsonPath().getList("items.id", String.class)).containsExactly(item.idText());

        // A new due date is watched again: overdue once more when it passes.
        given().auth().oauth2(memberOf(team)).contentType(ContentType.JSON)
                .body("{\"dueDate\": \"2026-04-20\", \"reason\": \"Waiting for the new queue\"}")
                .post("/action-items/" + item.id() + "/due-date").then().statusCode(200);
        assertThat(item(item.id()).getBoolean("overdue")).isFalse();
        clock.set(Instant.parse("2026-04-21T08:00:00Z"));
        sweep();
        sweep();
        assertThat(overdueEvents(item.id())).isEqualTo(2);
    }

    @Test
    void only_an_admin_runs_the_sweep_by_hand() {
        given().auth().oauth2(memberOf("payments")).post("/admin/overdue-sweep").then().statusCode(403);
        given().post("/admin/overdue-sweep").then().statusCode(401);
    }
}
