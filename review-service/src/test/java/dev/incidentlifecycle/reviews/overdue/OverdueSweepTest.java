package dev.incidentlifecycle.reviews.overdue;

import dev.incidentlifecycle.reviews.testing.Api;
import dev.incidentlifecycle.reviews.testing.Scenarios;
import dev.incidentlifecycle.reviews.testing.TestClock;
import dev.incidentlifecycle.testing.KafkaTopic;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.incidentlifecycle.reviews.testing.Api.asAdmin;
import static dev.incidentlifecycle.reviews.testing.Api.asReader;
import static dev.incidentlifecycle.testing.KafkaTopic.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A review whose due date passes unpublished is told overdue once, and listed as overdue. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "reviews"))
class OverdueSweepTest {

    @Inject
    TestClock clock;

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @Test
    void a_review_past_its_due_date_is_told_overdue_once_and_listed() {
        Scenarios.Scheduled late = Scenarios.scheduledReview("Exports truncated", "SEV1", clock.instant());
        Scenarios.Scheduled published = Scenarios.reviewInProgress("Exports slow", clock.instant());
        Api.command(Api.asReviewer(), published.reviewId(), "POST", "/publish", null).then().statusCode(200);
        String reviewId = late.reviewId();
        Instant dueAt = Instant.parse(late.review().getString("dueAt"));
        assertThat(late.review().getBoolean("overdue")).isFalse();

        asAdmin().post("/admin/overdue-sweep").then().statusCode(200);
        assertThat(late.review().getBoolean("overdue")).isFalse();

        clock.pin(dueAt.plus(Duration.ofMinutes(1)));
        int marked = asAdmin().post("/admin/overdue-sweep").then().statusCode(200).extract().jsonPath().getInt("becameOverdue");
        assertThat(marked).isGreaterThanOrEqualTo(1);
        asAdmin().post("/admin/overdue-sweep").then().statusCode(200);

        assertThat(late.review().getBoolean("overdue")).isTrue();
        assertThat(published.review().getBoolean("overdue")).isFalse();
        List<String> overdue = asReader().queryParam("overdue", true).queryParam("incident", late.incident().id().toString())
                .get("/reviews").then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
        assertThat(overdue).containsExactly(reviewId);
        assertThat(asReader().queryParam("overdue", true).queryParam("incident", published.incident().id().toString())
                .get("/reviews").then().extract().jsonPath().getInt("total")).isZero();

        List<String> types = asReader().get("/reviews/" + reviewId + "/events").then().extract().jsonPath().getList("type", String.class);
        assertThat(types.stream().filter("review.overdue"::equals)).hasSize(1);
        try (KafkaTopic topic = KafkaTopic.readFromStart("review-events")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> topic.poll().withKey(reviewId).stream()
                    .anyMatch(r -> "review.overdue".equals(header(r, "ce_type"))));
            assertThat(topic.withKey(reviewId).stream().filter(r -> "review.overdue".equals(header(r, "ce_type")))).hasSize(1);
        }
    }
}
