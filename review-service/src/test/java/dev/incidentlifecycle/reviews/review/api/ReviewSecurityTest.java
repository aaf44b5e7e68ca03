package dev.incidentlifecycle.reviews.review.api;

import dev.incidentlifecycle.reviews.testing.Api;
import dev.incidentlifecycle.reviews.testing.Scenarios;
import dev.incidentlifecycle.reviews.testing.TestClock;
import dev.incidentlifecycle.testing.RealInfrastructure;
import dev.incidentlifecycle.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.incidentlifecycle.reviews.testing.Api.asReader;
import static dev.incidentlifecycle.reviews.testing.Api.asResponder;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Reads need a valid token; commands need the role that fits; nothing changes for those refused. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "reviews"))
class ReviewSecurityTest {

    @Inject
    TestClock clock;

    @Test
    void without_a_valid_token_every_endpoint_answers_401() {
        given().get("/reviews").then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json");
        given().get("/reviews/calendar.ics").then().statusCode(401);
        given().get("/reviews/insights").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("text", "x")).post("/language-check").then().statusCode(401);
        given().auth().oauth2(Tokens.expired()).get("/reviews").then().statusCode(401);
        given().auth().oauth2(Tokens.signedByAnotherKey()).get("/reviews").then().statusCode(401);
    }

    @Test
    void anyone_authenticated_reads_but_only_the_fitting_roles_change_a_review() {
        String reviewId = Scenarios.reviewInProgress("Invoices duplicated", clock.instant()).reviewId();
        asReader().get("/reviews/" + reviewId).then().statusCode(200);
        asReader().get("/reviews").then().statusCode(200);
        long version = Api.review(reviewId).getLong("version");

        // No role at all: may not even add to the document.
        Api.command(asReader(), reviewId, "PATCH", "/document", Map.of("summary", "changed")).then().statusCode(403)
                .contentType("application/problem+json");
        // A responder writes the document with the others, but does not publish, cancel or dismiss.
        Api.command(asResponder(), reviewId, "POST", "/publish", null).then().statusCode(403);
        Api.command(asResponder(), reviewId, "POST", "/cancel", Map.of("reason", "no")).then().statusCode(403);
        Api.command(asResponder(), reviewId, "POST", "/reschedule", Map.of("reason", "no")).then().statusCode(403);
        asResponder().post("/admin/overdue-sweep").then().statusCode(403);
        Api.asReviewer().post("/admin/read-models/reviews/rebuild").then().statusCode(403);

        assertThat(Api.review(reviewId).getLong("version")).isEqualTo(version);
        assertThat(Api.review(reviewId).getString("status")).isEqualTo("IN_REVIEW");

        Api.command(Api.asAdmin(), reviewId, "POST", "/publish", null).then().statusCode(200);
    }
}
