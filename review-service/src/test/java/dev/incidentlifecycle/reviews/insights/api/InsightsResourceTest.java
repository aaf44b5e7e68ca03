package dev.incidentlifecycle.reviews.insights.api;

import dev.incidentlifecycle.reviews.testing.Api;
import dev.incidentlifecycle.reviews.testing.Scenarios;
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
import java.util.Map;

import static dev.incidentlifecycle.reviews.testing.Api.asReader;
import static dev.incidentlifecycle.reviews.testing.Api.asResponder;
import static dev.incidentlifecycle.reviews.testing.Api.asReviewer;
import static org.assertj.core.api.Assertions.assertThat;

/** Insights over a known set of reviews: resolved in a quiet week of 2021 that no other test uses. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "reviews"))
class InsightsResourceTest {

    static final Instant MONDAY = Instant.parse("2021-03-01T10:00:00Z");

    @Inject
    TestClock clock;

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @Test
    void insights_count_factors_by_category_find_recurring_factors_and_the_share_published_on_time() {
        clock.pin(MONDAY);
        String first = Scenarios.reviewInProgress("Disk full on the ledger", MONDAY).reviewId();
        String second = Scenarios.reviewInProgress("Disk full on the archive", MONDAY).reviewId();
        Scenarios.scheduledReview("Disk full, unreviewed", "SEV2", MONDAY);

        for (String reviewId : new String[]{first, second}) {
            Api.command(asResponder(), reviewId, "POST", "/contributing-factors",
                    Map.of("category", "tooling", "description", "No alert on disk usage  growth")).then().statusCode(201);
        }
        Api.command(asResponder(), first, "POST", "/contributing-factors",
                Map.of("category", "process", "description", "Log retention was never agreed")).then().statusCode(201);
        clock.advance(Duration.ofDays(1));
        Api.command(asReviewer(), first, "POST", "/publish", null).then().statusCode(200);
        Api.command(asReviewer(), second, "POST", "/publish", null).then().statusCode(200);
        clock.pin(MONDAY.plus(Duration.ofDays(30)));

        JsonPath insights = asReader().queryParam("from", "2021-03-01").queryParam("to", "2021-04-01")
                .get("/reviews/insights").then().statusCode(200).extract().jsonPath();
        assertThat(insights.getInt("reviews")).isEqualTo(3);
        assertThat(insights.getInt("published")).isEqualTo(2);
        assertThat(insights.getInt("publishedOnTime")).isEqualTo(2);
        assertThat(insights.getInt("late")).isEqualTo(1);
        assertThat(insights.getDouble("onTimeShare")).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(insights.getInt("factorsByCategory.TOOLING")).isEqualTo(2);
        assertThat(insights.getInt("factorsByCategory.PROCESS")).isEqualTo(1);
        assertThat(insights.getInt("factorsByCategory.TECHNICAL")).isZero();
        assertThat(insights.getList("recurringFactors.description", String.class)).containsExactly("no alert on disk usage growth");
        assertThat(insights.getList("recurringFactors[0].incidentIds")).hasSize(2);

        asReader().queryParam("from", "2021-04-01").queryParam("to", "2021-03-01").get("/reviews/insights")
                .then().statusCode(400);
        asReader().queryParam("from", "yesterday").get("/reviews/insights").then().statusCode(400);
    }
}
