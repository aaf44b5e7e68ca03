package dev.incidentlifecycle.reviews.incident;

import dev.incidentlifecycle.reviews.policy.BusinessCalendar;
import dev.incidentlifecycle.reviews.testing.Api;
import dev.incidentlifecycle.reviews.testing.IncidentStory;
import dev.incidentlifecycle.reviews.testing.TestClock;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static dev.incidentlifecycle.reviews.testing.Api.asAdmin;
import static dev.incidentlifecycle.reviews.testing.Api.asReader;
import static dev.incidentlifecycle.reviews.testing.Api.asResponder;
import static dev.incidentlifecycle.reviews.testing.Api.asReviewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A review always exists when the policy asks for one: with nobody free to facilitate, it waits (NEEDS_FACILITATOR)
 * and still falls due; a reviewer assigns a facilitator, which schedules it; and a reviewer can ask for a review of
 * any incident by hand.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "reviews"))
class ReviewWithoutFacilitatorTest {

    @Inject
    TestClock clock;

    @Inject
    BusinessCalendar calendar;

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void with_every_facilitator_in_the_incident_the_review_waits_falls_overdue_and_is_scheduled_once_one_is_assigned() {
        IncidentStory incident = IncidentStory.about("Every facilitator was paged", "payments");
        Instant resolved = now();
        RealInfrastructure.produce(
                incident.declared("SEV1", "fac.amara", "fac.amara", resolved.minusSeconds(3600)),
                incident.responderJoined("fac.bo", resolved.minusSeconds(3000)),
                incident.responderJoined("fac.chen", resolved.minusSeconds(2900)),
                incident.resolved("fac.amara", resolved));

        JsonPath waiting = Api.awaitReviewOf(incident.id());
        String reviewId = waiting.getString("id");
        assertThat(waiting.getString("status")).isEqualTo("NEEDS_FACILITATOR");
        assertThat(waiting.getString("facilitator")).isNull();
        assertThat(waiting.getString("scheduledStart")).isNull();
        assertThat(waiting.getString("requestedBy")).isNull();
        assertThat(Instant.parse(waiting.getString("dueAt"))).isEqualTo(calendar.dueAfter(resolved, 3));
        assertThat(asReader().queryParam("status", "NEEDS_FACILITATOR").queryParam("incident", incident.id().toString())
                .get("/reviews").then().statusCode(200).extract().jsonPath().getInt("total")).isEqualTo(1);
        // No meeting yet, so nothing in the calendar feed.
        assertThat(asReader().get("/reviews/calendar.ics").then().statusCode(200).extract().asString())
                .doesNotContain(reviewId);

        // Its due date passes like any other review's.
        clock.pin(Instant.parse(waiting.getString("dueAt")).plusSeconds(60));
        asAdmin().post("/admin/overdue-sweep").then().statusCode(200);
        clock.reset();
        assertThat(Api.review(reviewId).getBoolean("overdue")).isTrue();
        assertThat(asReader().queryParam("overdue", "true").queryParam("incident", incident.id().toString())
                .get("/reviews").then().statusCode(200).extract().jsonPath().getInt("total")).isEqualTo(1);

        // The rotation has nobody who was not in the incident; someone who was in it is refused.
        Api.command(asReviewer(), reviewId, "POST", "/facilitator", Map.of())
                .then().statusCode(409).body("detail", containsString("name one"));
        Api.command(asReviewer(), reviewId, "POST", "/facilitator", Map.of("facilitator", "fac.bo"))
                .then().statusCode(400).body("detail", containsString("takes part"));
        Api.command(asResponder(), reviewId, "POST", "/facilitator", Map.of("facilitator", "gus")).then().statusCode(403);

        JsonPath scheduled = Api.command(asReviewer(), reviewId, "POST", "/facilitator",
                        Map.of("facilitator", "gus", "reason", "gus was not paged"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(scheduled.getString("status")).isEqualTo("SCHEDULED");
        assertThat(scheduled.getString("facilitator")).isEqualTo("gus");
        assertThat(scheduled.getInt("sequence")).isZero();
        Instant start = Instant.parse(scheduled.getString("scheduledStart"));
        assertThat(calendar.isWithinBusinessHours(start)).isTrue();
        assertThat(Instant.parse(scheduled.getString("scheduledEnd"))).isEqualTo(start.plus(Duration.ofHours(1)));
        assertThat(scheduled.getBoolean("overdue")).as("still past its due date").isTrue();
        assertThat(asReader().get("/reviews/" + reviewId + "/events").then().statusCode(200).extract().jsonPath()
                .getList("type", String.class))
                .containsExactly("review.awaiting-facilitator", "review.overdue", "review.facilitator-assigned");
        assertThat(asReader().queryParam("facilitator", "gus").get("/reviews/calendar.ics").then().statusCode(200)
                .extract().asString()).contains(reviewId);

        // From here it runs like any review.
        Api.command(asReviewer(), reviewId, "POST", "/start", null).then().statusCode(200).body("status", equalTo("IN_REVIEW"));
    }

    @Test
    void a_reviewer_asks_for_a_review_of_an_incident_the_policy_needs_none_for_and_runs_it_to_publication() {
        IncidentStory incident = IncidentStory.about("Typo on the status page", "status-page");
        Instant resolved = now();
        var marker = incident.resolved("ivy", resolved);
        RealInfrastructure.produce(incident.declared("SEV4", "ivy", "ivy", resolved.minusSeconds(600)), marker);
        // The SEV4 incident gets no review by itself; wait until review-service has seen its resolution.
        await().atMost(Duration.ofSeconds(30)).until(() -> asReviewer()
                .body(Map.of("incidentId", incident.id().toString(), "facilitator", "ivy"))
                .post("/reviews").statusCode() == 400);
        assertThat(Api.reviewsOf(incident.id())).isZero();

        asResponder().body(Map.of("incidentId", incident.id().toString())).post("/reviews").then().statusCode(403);
        asReviewer().body(Map.of("incidentId", UUID.randomUUID().toString())).post("/reviews").then().statusCode(404);

        var created = asReviewer().body(Map.of("incidentId", incident.id().toString())).post("/reviews")
                .then().statusCode(201).extract();
        JsonPath review = created.jsonPath();
        String reviewId = review.getString("id");
        assertThat(created.header("Location")).endsWith("/reviews/" + reviewId);
        assertThat(review.getString("status")).isEqualTo("SCHEDULED");
        assertThat(review.getString("requirement")).isEqualTo("REQUIRED");
        assertThat(review.getString("requestedBy")).isEqualTo("rowan");
        assertThat(review.getString("facilitator")).startsWith("fac.");
        assertThat(review.getList("participants", String.class)).containsExactly("ivy");
        assertThat(Instant.parse(review.getString("dueAt"))).isEqualTo(calendar.dueAfter(resolved, 5));

        asReviewer().body(Map.of("incidentId", incident.id().toString())).post("/reviews")
                .then().statusCode(409).body("detail", containsString("already has review"));

        Api.command(asReviewer(), reviewId, "POST", "/start", null).then().statusCode(200);
        Api.command(asResponder(), reviewId, "PATCH", "/document",
                Map.of("summary", "A template change shipped a misspelt heading to the status page.")).then().statusCode(200);
        Api.command(asReviewer(), reviewId, "POST", "/publish", null).then().statusCode(200)
                .body("status", equalTo("PUBLISHED"));
    }
}
