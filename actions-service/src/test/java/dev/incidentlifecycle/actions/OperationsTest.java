package dev.incidentlifecycle.actions;

import dev.incidentlifecycle.actions.ReviewOutcomes.Item;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.incidentlifecycle.actions.Api.admin;
import static dev.incidentlifecycle.actions.Api.awaitItem;
import static dev.incidentlifecycle.actions.Api.memberOf;
import static dev.incidentlifecycle.actions.Api.reader;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "actions"))
class OperationsTest {

    @Test
    void the_api_is_described_by_openapi() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("\"/action-items\""), containsString("\"/action-items/{id}/complete\""),
                        containsString("\"/action-items/{id}/events\""), containsString("\"/teams/{team}/action-items/summary\""),
                        containsString("\"/admin/overdue-sweep\""));
    }

    @Test
    void the_event_contract_is_served_with_the_schemas_it_references() {
        given().get("/asyncapi/docs/asyncapi.yaml").then().statusCode(200)
                .body(containsString("asyncapi: 3.0.0"),
                        containsString("'../actions-service/src/main/resources/schemas/action-item-events/action-item.created.json'"));
        // That reference resolved against the document's own URL, as an AsyncAPI tool does.
        given().get("/asyncapi/actions-service/src/main/resources/schemas/action-item-events/action-item.created.json")
                .then().statusCode(200).body("$schema", equalTo("https://json-schema.org/draft/2020-12/schema"));
        given().get("/asyncapi/docs/schemas/alerts/pagerduty-event-v2.json").then().statusCode(200);
    }

    @Test
    void ready_with_its_database_and_broker() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void the_read_model_rebuilt_from_the_event_log_is_the_same() {
        String team = "rebuild-" + UUID.randomUUID().toString().substring(0, 8);
        Item started = Item.of("Alert on payment queue depth", "DETECT", team);
        Item done = Item.of("Write the pool-size runbook", "PROCESS", team).due(LocalDate.parse("2031-01-01"));
        Item dropped = Item.of("Rehearse the failover", "LEARN", team);
        ReviewOutcomes review = ReviewOutcomes.review().with(started, done, dropped);
        review.publish();
        awaitItem(dropped.id());
        given().auth().oauth2(memberOf(team)).post("/action-items/" + started.id() + "/start").then().statusCode(200);
        given().auth().oauth2(memberOf(team)).contentType(ContentType.JSON).body("{\"resolutionNote\": \"Written\"}")
                .post("/action-items/" + done.id() + "/complete").then().statusCode(200);
        review.items(started, done).amend(java.time.Instant.parse("2026-03-05T10:00:00Z"));
        Api.awaitVersion(dropped.id(), 2);
        List<Map<String, Object>> before = teamItems(team);

        given().auth().oauth2(admin()).get("/admin/read-models").then().statusCode(200).body("$", hasItem("action-items"));
        given().auth().oauth2(memberOf(team)).post("/admin/read-models/action-items/rebuild").then().statusCode(403);
        given().auth().oauth2(admin()).post("/admin/read-models/action-items/rebuild").then().statusCode(200)
                .body("readModel", equalTo("action-items"));

        assertThat(teamItems(team)).isEqualTo(before).hasSize(3);
    }

    static List<Map<String, Object>> teamItems(String team) {
        return given().auth().oauth2(reader()).get("/action-items?team=" + team).then().statusCode(200)
                .extract().jsonPath().getList("items");
    }
}
