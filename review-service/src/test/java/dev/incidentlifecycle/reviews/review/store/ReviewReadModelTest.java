package dev.incidentlifecycle.reviews.review.store;

import dev.incidentlifecycle.reviews.testing.Api;
import dev.incidentlifecycle.reviews.testing.Scenarios;
import dev.incidentlifecycle.reviews.testing.TestClock;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.incidentlifecycle.reviews.testing.Api.asAdmin;
import static dev.incidentlifecycle.reviews.testing.Api.asResponder;
import static org.assertj.core.api.Assertions.assertThat;

/** The reviews read model is disposable: rebuilt from the event log, it reads the same. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "reviews"))
class ReviewReadModelTest {

    @Inject
    TestClock clock;

    @Test
    void a_rebuilt_read_model_shows_every_review_as_before() {
        String reviewId = Scenarios.reviewInProgress("Cache stampede", clock.instant()).reviewId();
        Api.command(asResponder(), reviewId, "POST", "/contributing-factors",
                Map.of("category", "technical", "description", "Every node refreshed the cache at once")).then().statusCode(201);
        Api.command(asResponder(), reviewId, "PATCH", "/document", Map.of("openQuestions", "Why didn't the team see it coming?"))
                .then().statusCode(200);
        String before = Api.asReader().get("/reviews/" + reviewId).then().statusCode(200).extract().asString();
        assertThat(Api.review(reviewId).getList("findings")).isNotEmpty();

        assertThat(asAdmin().get("/admin/read-models").then().statusCode(200).extract().jsonPath().getList("", String.class))
                .contains("reviews");
        asAdmin().post("/admin/read-models/reviews/rebuild").then().statusCode(200);

        assertThat(Api.asReader().get("/reviews/" + reviewId).then().statusCode(200).extract().asString()).isEqualTo(before);
    }
}
