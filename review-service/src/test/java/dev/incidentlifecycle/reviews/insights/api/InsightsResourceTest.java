package dev.incidentlifecycle.reviews.insights.api;

import dev.incidentlifecycle.reviews.insights.ReviewInsights;
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
import java.util.UUID;
import java.util.stream.Stream;

import static dev.incidentlifecycle.reviews.testing.Api.asReader;
import static dev.incidentlifecycle.reviews.testing.Api.asResponder;
import static dev.incidentlifecycle.reviews.testing.Api.asReviewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

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
        Scenarios.Scheduled ledger = Scenarios.reviewInProgress("Disk full on the ledger", MONDAY);
        Scenarios.Scheduled archive = Scenarios.reviewInProgress("Disk full on the archive", MONDAY);
        String first = ledger.reviewId();
        String second = archive.reviewId();
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
        assertThat(insights.getList("recurringFactors[0].incidentIds", String.class)).containsExactlyElementsOf(
                Stream.of(ledger.incident().id(), archive.incident().id()).map(UUID::toString).sorted().toList());
        assertThat(insights.getInt("recurringFactors[0].incidents")).isEqualTo(2);
        assertThat(insights.getList("recurringFactors[0].categories", String.class)).containsExactly("TOOLING");
        assertThat(insights.getInt("recurringFactorsTotal")).isEqualTo(1);
        assertThat(insights.getString("period.from")).isEqualTo("2021-03-01T00:00:00Z");
        assertThat(insights.getString("period.to")).isEqualTo("2021-04-01T00:00:00Z");

        asReader().queryParam("from", "2021-04-01").queryParam("to", "2021-03-01").get("/reviews/insights")
                .then().statusCode(400);
        asReader().queryParam("from", "yesterday").get("/reviews/insights").then().statusCode(400);
    }

    @Test
    void a_factor_recurs_across_incidents_whatever_its_case_spacing_and_category_and_not_yet_due_reviews_are_not_late() {
        Instant june = Instant.parse("2021-06-07T10:00:00Z");
        clock.pin(june);
        Scenarios.Scheduled[] reviews = {
                Scenarios.reviewInProgress("Deploy to the wrong region", june),
                Scenarios.reviewInProgress("Deploy to the wrong region again", june),
                Scenarios.reviewInProgress("Config pushed everywhere at once", june)};
        String[][] factors = {
                {"tooling", "Deploy tool hides the region"}, {"process", "No canary for config"},
                {"process", "  deploy   TOOL hides the region "}, {"process", "no canary for config"},
                {"tooling", "Deploy tool hides\tthe region"}};
        int[] reviewOf = {0, 0, 1, 1, 2};
        for (int i = 0; i < factors.length; i++) {
            Api.command(asResponder(), reviews[reviewOf[i]].reviewId(), "POST", "/contributing-factors",
                    Map.of("category", factors[i][0], "description", factors[i][1])).then().statusCode(201);
        }
        for (Scenarios.Scheduled review : reviews) {
            Api.command(asReviewer(), review.reviewId(), "POST", "/publish", null).then().statusCode(200);
        }
        Scenarios.scheduledReview("Not due yet", "SEV2", june);

        JsonPath insights = asReader().queryParam("from", "2021-06-07").queryParam("to", "2021-07-01")
                .get("/reviews/insights").then().statusCode(200).extract().jsonPath();
        assertThat(insights.getInt("reviews")).isEqualTo(4);
        assertThat(insights.getInt("published")).isEqualTo(3);
        assertThat(insights.getInt("publishedOnTime")).isEqualTo(3);
        assertThat(insights.getInt("late")).isZero();
        assertThat(insights.getDouble("onTimeShare")).isEqualTo(1.0);
        assertThat(insights.getInt("factorsByCategory.TOOLING")).isEqualTo(2);
        assertThat(insights.getInt("factorsByCategory.PROCESS")).isEqualTo(3);
        assertThat(insights.getList("recurringFactors.description", String.class))
                .containsExactly("deploy tool hides the region", "no canary for config");
        assertThat(insights.getList("recurringFactors.incidents", Integer.class)).containsExactly(3, 2);
        assertThat(insights.getList("recurringFactors[0].categories", String.class)).containsExactly("PROCESS", "TOOLING");
        assertThat(insights.getList("recurringFactors[0].incidentIds", String.class)).containsExactlyElementsOf(
                Stream.of(reviews).map(r -> r.incident().id().toString()).sorted().toList());
    }

    @Test
    void a_period_is_at_most_366_days_long() {
        asReader().queryParam("from", "2020-01-01").queryParam("to", "2021-01-01").get("/reviews/insights")
                .then().statusCode(200);
        asReader().queryParam("from", "2020-01-01").queryParam("to", "2021-01-02").get("/reviews/insights")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("366 days"));
    }

    @Test
    void normalising_lower_cases_trims_and_collapses_whitespace() {
        assertThat(ReviewInsights.normalise("  Disk \n FILLED\t up ")).isEqualTo("disk filled up");
    }
}
