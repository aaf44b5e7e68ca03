package dev.incidentlifecycle.actions.adhoc;

import dev.incidentlifecycle.actions.AdjustableClock;
import dev.incidentlifecycle.actions.ReviewOutcomes;
import dev.incidentlifecycle.actions.ReviewOutcomes.Item;
import dev.incidentlifecycle.testing.RealInfrastructure;
import dev.incidentlifecycle.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static dev.incidentlifecycle.actions.Api.PROBLEM;
import static dev.incidentlifecycle.actions.Api.admin;
import static dev.incidentlifecycle.actions.Api.awaitItem;
import static dev.incidentlifecycle.actions.Api.awaitVersion;
import static dev.incidentlifecycle.actions.Api.eventTypes;
import static dev.incidentlifecycle.actions.Api.item;
import static dev.incidentlifecycle.actions.Api.memberOf;
import static dev.incidentlifecycle.actions.Api.reader;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Action items created by hand ({@code POST /action-items}) against the real broker and database: they reference a
 * review actions-service learned of on review-events, and live by the same SLA, lifecycle and team rules.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "actions"))
class AdHocActionItemsTest {

    @Inject
    AdjustableClock clock;

    @AfterEach
    void systemTime() {
        clock.useSystemTime();
    }

    static String team() {
        return "adhoc-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String responderOf(String team) {
        return Tokens.forUser("rosa-" + team).roles("responder").teams(team).sign();
    }

    static String body(String reference, String team) {
        return "{" + reference + ", \"title\": \"Add a saturation alert on the payments pool\", \"type\": \"DETECT\", "
                + "\"ownerTeam\": \"" + team + "\", \"owner\": \"rosa-" + team + "\", \"priority\": \"P2\"}";
    }

    static String incident(UUID incidentId) {
        return "\"incidentId\": \"" + incidentId + "\"";
    }

    static String review(UUID reviewId) {
        return "\"reviewId\": \"" + reviewId + "\"";
    }

    /** Creates the item once the consumer has learned of the review (until then the reference is a 404). */
    static JsonPath createWhenKnown(String token, String body) {
        AtomicReference<Response> created = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Response response = given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/action-items");
            assertThat(response.statusCode()).as(response.asString()).isIn(201, 404);
            created.set(response);
            return response.statusCode() == 201;
        });
        Response response = created.get();
        String id = response.jsonPath().getString("id");
        assertThat(response.header("Location")).endsWith("/action-items/" + id);
        assertThat(response.header("ETag")).isEqualTo("\"1\"");
        return response.jsonPath();
    }

    static void sweep() {
        given().auth().oauth2(admin()).post("/admin/overdue-sweep").then().statusCode(200);
    }

    @Test
    void a_responders_item_for_an_incident_is_due_by_the_sla_goes_overdue_and_is_worked_to_done() {
        String team = team();
        String responder = responderOf(team);
        // A SEV1 incident's review, scheduled on 2 March; its item is created on 3 March: DETECT is due 30 days later.
        ReviewOutcomes review = ReviewOutcomes.review().publishedAt(Instant.parse("2026-03-02T10:00:00Z"));
        review.schedule();
        clock.set(Instant.parse("2026-03-03T09:00:00Z"));

        JsonPath created = createWhenKnown(responder, body(incident(review.incidentId()), team));
        UUID id = UUID.fromString(created.getString("id"));
        assertThat(created.getString("origin")).isEqualTo("AD_HOC");
        assertThat(created.getString("reviewId")).isEqualTo(review.reviewId().toString());
        assertThat(created.getString("incidentId")).isEqualTo(review.incidentId().toString());
        assertThat(created.getString("incidentNumber")).isEqualTo(review.incidentNumber());
        assertThat(created.getString("severity")).isEqualTo("SEV1");
        assertThat(created.getString("status")).isEqualTo("OPEN");
        assertThat(created.getString("dueDate")).isEqualTo("2026-04-02");
        assertThat(created.getBoolean("dueDateFromSla")).isTrue();
        assertThat(created.getString("createdAt")).isEqualTo("2026-03-03T09:00:00Z");

        // The owner finds it among their items, and it is listed as created by hand.
        assertThat(given().auth().oauth2(responder).get("/action-items?owner=me").then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class)).containsExactly(id.toString());
        assertThat(given().auth().oauth2(reader()).get("/action-items?team=" + team + "&origin=AD_HOC").then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class)).containsExactly(id.toString());
        assertThat(given().auth().oauth2(reader()).get("/action-items?team=" + team + "&origin=REVIEW").then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class)).isEmpty();

        clock.set(Instant.parse("2026-04-03T08:00:00Z"));
        sweep();
        assertThat(item(id).getBoolean("overdue")).isTrue();
        given().auth().oauth2(responder).header("If-Match", "\"2\"").post("/action-items/" + id + "/start")
                .then().statusCode(200).body("status", equalTo("IN_PROGRESS"), "overdue", equalTo(true));
        given().auth().oauth2(responder).contentType(ContentType.JSON)
                .body("{\"resolutionNote\": \"Alert at 90% of the pool for 5 minutes\"}")
                .post("/action-items/" + id + "/complete")
                .then().statusCode(200).body("status", equalTo("DONE"), "overdue", equalTo(false), "version", equalTo(4));

        assertThat(eventTypes(id)).containsExactly("action-item.created", "action-item.overdue", "action-item.started",
                "action-item.completed");
        JsonPath history = given().auth().oauth2(reader()).get("/action-items/" + id + "/events").then().statusCode(200)
                .extract().jsonPath();
        assertThat(history.getString("[0].actor")).isEqualTo("rosa-" + team);
        assertThat(history.getString("[0].payload.origin")).isEqualTo("AD_HOC");
        assertThat(history.getString("[0].payload.reviewId")).isEqualTo(review.reviewId().toString());
    }

    @Test
    void a_reviewer_of_another_team_cannot_touch_it_and_only_responders_reviewers_or_admins_create() {
        String team = team();
        ReviewOutcomes review = ReviewOutcomes.review();
        review.schedule();
        // A reviewer creates it for the team, by the review's id; being a reviewer does not make them its team.
        String reviewer = Tokens.forUser("rui").roles("reviewer").teams("search").sign();
        UUID id = UUID.fromString(createWhenKnown(reviewer, body(review(review.reviewId()), team)).getString("id"));

        given().auth().oauth2(reviewer).post("/action-items/" + id + "/start")
                .then().statusCode(403).contentType(PROBLEM).body("detail", containsString("not a member of " + team));
        given().auth().oauth2(reviewer).contentType(ContentType.JSON).body("{\"justification\": \"not ours\"}")
                .post("/action-items/" + id + "/wont-do").then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(memberOf(team)).contentType(ContentType.JSON).body(body(review(review.reviewId()), team))
                .post("/action-items").then().statusCode(403).contentType(PROBLEM);
        assertThat(item(id).getLong("version")).isEqualTo(1);
        assertThat(eventTypes(id)).containsExactly("action-item.created");

        given().auth().oauth2(memberOf(team)).post("/action-items/" + id + "/start")
                .then().statusCode(200).body("status", equalTo("IN_PROGRESS"));
    }

    @Test
    void amendments_of_the_referenced_review_or_another_one_do_not_drop_it() {
        String team = team();
        Item reviewsOwn = Item.of("Load test the pool", "PREVENT", team);
        ReviewOutcomes review = ReviewOutcomes.review().with(reviewsOwn);
        review.schedule();
        UUID id = UUID.fromString(createWhenKnown(responderOf(team), body(review(review.reviewId()), team)).getString("id"));

        review.publish();
        awaitItem(reviewsOwn.id());
        // The amendment lists nothing: the review's own item goes, the item created by hand stays as it was.
        review.items().amend(Instant.parse("2026-03-09T10:00:00Z"));
        awaitVersion(reviewsOwn.id(), 2);
        assertThat(item(reviewsOwn.id()).getBoolean("removed")).isTrue();

        Item other = Item.of("Unrelated", "LEARN", team);
        ReviewOutcomes unrelated = ReviewOutcomes.review().with(other);
        unrelated.publish();
        awaitItem(other.id());
        unrelated.items().amend(Instant.parse("2026-03-09T10:00:00Z"));
        awaitVersion(other.id(), 2);

        JsonPath after = item(id);
        assertThat(after.getBoolean("removed")).isFalse();
        assertThat(after.getString("status")).isEqualTo("OPEN");
        assertThat(after.getLong("version")).isEqualTo(1);
        assertThat(eventTypes(id)).containsExactly("action-item.created");
        assertThat(given().auth().oauth2(reader()).get("/action-items?review=" + review.reviewId()).then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class)).containsExactlyInAnyOrder(id.toString(), reviewsOwn.idText());
    }

    @Test
    void unknown_references_and_invalid_bodies_are_refused_as_problems_and_create_nothing() {
        String team = team();
        String responder = responderOf(team);
        given().auth().oauth2(responder).contentType(ContentType.JSON).body(body(incident(UUID.randomUUID()), team))
                .post("/action-items").then().statusCode(404).contentType(PROBLEM)
                .body("detail", containsString("is known to actions-service"));
        given().auth().oauth2(responder).contentType(ContentType.JSON).body(body(review(UUID.randomUUID()), team))
                .post("/action-items").then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(responder).contentType(ContentType.JSON).body(body("\"owner\": null", team).replace("\"owner\": \"rosa-" + team + "\", ", ""))
                .post("/action-items").then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("reviewId"));

        ReviewOutcomes review = ReviewOutcomes.review();
        review.schedule();
        createWhenKnown(responder, body(review(review.reviewId()), team));
        given().auth().oauth2(responder).contentType(ContentType.JSON)
                .body(body(review(review.reviewId()) + ", " + incident(UUID.randomUUID()), team))
                .post("/action-items").then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("incidentId"));
        given().auth().oauth2(responder).contentType(ContentType.JSON)
                .body(body(review(review.reviewId()), team).replace("Add a saturation", "x".repeat(501)))
                .post("/action-items").then().statusCode(400).contentType(PROBLEM).body("errors[0].field", containsString("title"));
        given().auth().oauth2(responder).contentType(ContentType.JSON)
                .body(body(review(review.reviewId()), team).replace("\"priority\": \"P2\"", "\"priority\": \"P9\""))
                .post("/action-items").then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(responder).contentType(ContentType.JSON)
                .body(body(review(review.reviewId()), team).replace("\"priority\": \"P2\"", "\"priority\": \"P2\", \"dueDate\": \"2020-01-01\""))
                .post("/action-items").then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("dueDate"));

        assertThat(given().auth().oauth2(reader()).get("/action-items?team=" + team).then().statusCode(200)
                .extract().jsonPath().getInt("total")).isEqualTo(1);
    }

    @Test
    void a_redelivered_review_event_changes_nothing_and_a_repeated_request_creates_one_item() {
        String team = team();
        ReviewOutcomes review = ReviewOutcomes.review().publishedAt(Instant.parse("2026-03-02T10:00:00Z"));
        String scheduled = review.schedule();
        review.changeSeverity("SEV3");
        // The SEV1 scheduling again, under its own id: the inbox knows it, so the review stays SEV3.
        review.severity("SEV1");
        ReviewOutcomes.send(review.record("review.scheduled", scheduled, review.scheduledData(), Instant.parse("2026-03-02T10:00:00Z")));
        review.severity("SEV3");
        // Same key, so same partition: once the outcome's item exists, the redelivery before it was handled.
        Item marker = Item.of("Marker", "LEARN", team);
        review.with(marker).publish();
        awaitItem(marker.id());

        clock.set(Instant.parse("2026-03-03T09:00:00Z"));
        String request = body(review(review.reviewId()), team);
        Response first = given().auth().oauth2(responderOf(team)).header("Idempotency-Key", "adhoc-" + team)
                .contentType(ContentType.JSON).body(request).post("/action-items");
        first.then().statusCode(201).body("severity", equalTo("SEV3"), "dueDate", equalTo("2026-06-01"));
        Response again = given().auth().oauth2(responderOf(team)).header("Idempotency-Key", "adhoc-" + team)
                .contentType(ContentType.JSON).body(request).post("/action-items");
        again.then().statusCode(201).body("id", equalTo(first.jsonPath().getString("id")));
        assertThat(given().auth().oauth2(reader()).get("/action-items?team=" + team + "&origin=AD_HOC").then().statusCode(200)
                .extract().jsonPath().getInt("total")).isEqualTo(1);
    }
}
