package dev.incidentlifecycle.reviews.review.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentlifecycle.eventstore.EventJson;
import dev.incidentlifecycle.reviews.testing.ActionItemStory;
import dev.incidentlifecycle.reviews.testing.Api;
import dev.incidentlifecycle.reviews.testing.Scenarios;
import dev.incidentlifecycle.reviews.testing.TestClock;
import dev.incidentlifecycle.testing.KafkaTopic;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.incidentlifecycle.reviews.testing.Api.asReader;
import static dev.incidentlifecycle.reviews.testing.Api.asResponder;
import static dev.incidentlifecycle.reviews.testing.Api.asReviewer;
import static dev.incidentlifecycle.testing.KafkaTopic.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/** Running a review to publication and follow-up, over the API, with the outcome on the real review-events topic. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "reviews"))
class ReviewPublicationTest {

    @Inject
    TestClock clock;

    @Test
    void publishing_is_refused_while_blame_language_is_open_and_allowed_once_each_finding_is_dismissed_with_a_reason() {
        String reviewId = Scenarios.reviewInProgress("Checkout latency", clock.instant()).reviewId();
        Api.command(asResponder(), reviewId, "PATCH", "/document", Map.of(
                        "summary", "The on-call engineer failed to notice the alert. Human error."))
                .then().statusCode(200);

        JsonPath review = Api.review(reviewId);
        List<String> findings = review.getList("findings.id", String.class);
        assertThat(findings).hasSizeGreaterThanOrEqualTo(2);
        assertThat(review.getList("findings.phrase", String.class)).anySatisfy(p -> assertThat(p).containsIgnoringCase("human error"));
        assertThat(review.getString("findings[0].field")).isEqualTo("summary");
        assertThat(review.getString("findings[0].why")).isNotBlank();
        assertThat(review.getString("findings[0].reframing")).isNotBlank();

        Api.command(asReviewer(), reviewId, "POST", "/publish", null).then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("language finding"));

        Api.command(asReviewer(), reviewId, "POST", "/findings/" + findings.get(0) + "/dismiss", Map.of()).then().statusCode(400);
        for (String finding : findings) {
            Api.command(asReviewer(), reviewId, "POST", "/findings/" + finding + "/dismiss",
                    Map.of("reason", "quoted from the responder's own account, kept in their words")).then().statusCode(200);
        }
        JsonPath dismissed = Api.review(reviewId);
        assertThat(dismissed.getList("findings")).isEmpty();
        assertThat(dismissed.getList("dismissedFindings.dismissalReason", String.class))
                .containsOnly("quoted from the responder's own account, kept in their words");

        Api.command(asReviewer(), reviewId, "POST", "/publish", null).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("PUBLISHED"));
        assertThat(asReader().get("/reviews/" + reviewId + "/events").then().extract().jsonPath().getList("type", String.class))
                .contains("review.finding-dismissed", "review.published");
    }

    @Test
    void the_published_outcome_goes_out_on_review_events_as_a_cloud_event_keyed_by_the_review() {
        Scenarios.Scheduled scheduled = Scenarios.reviewInProgress("Payment retries stormed", clock.instant());
        String reviewId = scheduled.reviewId();
        UUID item = UUID.randomUUID();
        Api.command(asResponder(), reviewId, "POST", "/contributing-factors",
                        Map.of("category", "technical", "description", "Retries without back-off multiplied the load"))
                .then().statusCode(201).header("Location", containsString("/reviews/" + reviewId + "/contributing-factors/"));
        Api.command(asResponder(), reviewId, "POST", "/action-items", Map.of("actionItemId", item.toString(),
                        "title", "Add jittered back-off to payment retries", "type", "prevent", "ownerTeam", "payments",
                        "priority", "P2", "dueDate", "2027-01-15"))
                .then().statusCode(201).header("Location", containsString("/action-items/" + item));
        Api.command(asReviewer(), reviewId, "POST", "/publish", null).then().statusCode(200);

        try (KafkaTopic topic = KafkaTopic.readFromStart("review-events")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> published(topic, reviewId) != null);
            ConsumerRecord<String, byte[]> record = published(topic, reviewId);
            String eventId = asReader().get("/reviews/" + reviewId + "/events").then().extract().jsonPath()
                    .getString("find { it.type == 'review.published' }.eventId");
            assertThat(record.key()).isEqualTo(reviewId);
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "ce_id")).isEqualTo(eventId);
            assertThat(header(record, "ce_type")).isEqualTo("review.published");
            assertThat(header(record, "ce_source")).isEqualTo("/review-service");
            assertThat(header(record, "ce_subject")).isEqualTo(reviewId);
            assertThat(header(record, "ce_actor")).isEqualTo("rowan");
            assertThat(header(record, "ce_time")).isNotBlank();

            JsonNode outcome = EventJson.mapper().readTree(record.value());
            assertThat(outcome.path("reviewId").asText()).isEqualTo(reviewId);
            assertThat(outcome.path("incidentId").asText()).isEqualTo(scheduled.incident().id().toString());
            assertThat(outcome.path("incidentNumber").asText()).isEqualTo(scheduled.incident().number());
            assertThat(outcome.path("severity").asText()).isEqualTo("SEV2");
            assertThat(outcome.path("service").asText()).isEqualTo("payments");
            assertThat(outcome.path("summary").asText()).startsWith("A configuration change");
            assertThat(outcome.path("contributingFactors").get(0).path("category").asText()).isEqualTo("TECHNICAL");
            assertThat(outcome.path("actionItems").get(0).path("actionItemId").asText()).isEqualTo(item.toString());
            assertThat(outcome.path("actionItems").get(0).path("type").asText()).isEqualTo("PREVENT");
            assertThat(outcome.path("actionItems").get(0).path("dueDate").asText()).isEqualTo("2027-01-15");
            assertThat(outcome.path("facilitator").asText()).isNotBlank();
            assertThat(outcome.path("participants")).extracting(JsonNode::asText).contains("ivy", "jon");
            assertThat(outcome.path("publishedAt").asText()).isNotBlank();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void when_actions_service_reports_every_item_done_or_wont_do_the_follow_up_completes() {
        String reviewId = Scenarios.reviewInProgress("Settlement file late", clock.instant()).reviewId();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        for (UUID item : List.of(first, second)) {
            Api.command(asResponder(), reviewId, "POST", "/action-items", Map.of("actionItemId", item.toString(),
                    "title", "Alert when the settlement file is late", "type", "detect", "ownerTeam", "payments")).then().statusCode(201);
        }
        Api.command(asReviewer(), reviewId, "POST", "/publish", null).then().statusCode(200);
        UUID review = UUID.fromString(reviewId);
        Instant at = clock.instant();

        RealInfrastructure.produce(ActionItemStory.created(first, review, at), ActionItemStory.created(second, review, at),
                ActionItemStory.started(first, review, "pat", at.plusSeconds(60)),
                ActionItemStory.completed(first, review, "pat", at.plusSeconds(120)),
                ActionItemStory.wontDo(second, review, "pat", at.plusSeconds(180)));
        await().atMost(Duration.ofSeconds(60)).until(() -> Api.review(reviewId).getBoolean("followUpCompleted"));
        JsonPath followedUp = Api.review(reviewId);
        assertThat(followedUp.getList("actionItems.status", String.class)).containsExactlyInAnyOrder("DONE", "WONT_DO");

        try (KafkaTopic topic = KafkaTopic.readFromStart("review-events")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> topic.poll().withKey(reviewId).stream()
                    .anyMatch(r -> "review.follow-up-completed".equals(header(r, "ce_type"))));
            assertThat(topic.records().stream().filter(r -> reviewId.equals(r.key()) && "review.follow-up-completed".equals(header(r, "ce_type"))).toList())
                    .hasSize(1);
        }

        // Reopened, and removed by an amendment as done: owed again, then complete again.
        RealInfrastructure.produce(ActionItemStory.reopened(first, review, "pat", at.plusSeconds(240)));
        await().atMost(Duration.ofSeconds(60)).until(() -> !Api.review(reviewId).getBoolean("followUpCompleted"));
        RealInfrastructure.produce(ActionItemStory.removed(first, review, "DONE", at.plusSeconds(300)));
        await().atMost(Duration.ofSeconds(60)).until(() -> Api.review(reviewId).getBoolean("followUpCompleted"));
    }

    @Test
    void changes_after_publication_go_out_as_an_amendment_with_a_reason() {
        String reviewId = Scenarios.reviewInProgress("Refunds delayed", clock.instant()).reviewId();
        Api.command(asReviewer(), reviewId, "POST", "/publish", null).then().statusCode(200);
        Api.command(asReviewer(), reviewId, "POST", "/publish", null).then().statusCode(409);
        Api.command(asReviewer(), reviewId, "POST", "/amend", Map.of("reason", "nothing yet")).then().statusCode(409);

        Api.command(asResponder(), reviewId, "PATCH", "/document",
                Map.of("whatWentWell", "The runbook for refund replays was current and worked.")).then().statusCode(200);
        assertThat(Api.review(reviewId).getString("document.whatWentWell")).startsWith("The runbook");
        Api.command(asReviewer(), reviewId, "POST", "/amend", Map.of("reason", "added what went well")).then().statusCode(200)
                .body("amendments", org.hamcrest.Matchers.equalTo(1));
        List<String> types = asReader().get("/reviews/" + reviewId + "/events").then().extract().jsonPath().getList("type", String.class);
        assertThat(types).endsWith("review.published", "review.follow-up-completed", "review.document-updated", "review.amended");
    }

    @Test
    void a_command_with_a_stale_if_match_is_refused_and_an_unknown_review_is_not_found() {
        String reviewId = Scenarios.scheduledReview("Webhooks dropped", "SEV2", clock.instant()).reviewId();
        asReviewer().header("If-Match", "\"0\"").post("/reviews/" + reviewId + "/start").then().statusCode(412)
                .contentType("application/problem+json");
        String etag = Api.etag(reviewId);
        asReviewer().header("If-Match", etag).post("/reviews/" + reviewId + "/start").then().statusCode(200)
                .header("ETag", org.hamcrest.Matchers.not(etag));
        asReviewer().header("If-Match", etag).post("/reviews/" + reviewId + "/start").then().statusCode(412);

        asReader().get("/reviews/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        asReader().get("/reviews/not-a-review").then().statusCode(404);
        asReviewer().post("/reviews/" + UUID.randomUUID() + "/start").then().statusCode(404);
        asReader().get("/reviews/" + UUID.randomUUID() + "/events").then().statusCode(404);
    }

    @Test
    void a_reschedule_moves_the_meeting_and_never_onto_another_meeting_of_the_facilitator() {
        Scenarios.Scheduled first = Scenarios.scheduledReview("Login slow", "SEV1", clock.instant());
        JsonPath review = first.review();
        String facilitator = review.getString("facilitator");
        // Another review of the same facilitator: moving the first onto its slot must be refused.
        Scenarios.Scheduled other;
        do {
            other = Scenarios.scheduledReview("Login slow, again", "SEV1", clock.instant());
        } while (!other.review().getString("facilitator").equals(facilitator));
        JsonPath taken = other.review();
        Api.command(asReviewer(), first.reviewId(), "POST", "/reschedule", Map.of(
                        "scheduledStart", taken.getString("scheduledStart"), "reason", "the team is at an offsite"))
                .then().statusCode(409).body("detail", containsString(facilitator));

        Instant free = Instant.parse(taken.getString("scheduledStart")).plus(Duration.ofDays(20));
        Api.command(asReviewer(), first.reviewId(), "POST", "/reschedule", Map.of(
                        "scheduledStart", free.toString(), "reason", "the team is at an offsite"))
                .then().statusCode(200)
                .body("sequence", org.hamcrest.Matchers.equalTo(1))
                .body("scheduledStart", org.hamcrest.Matchers.equalTo(free.toString()));
        Api.command(asReviewer(), first.reviewId(), "POST", "/reschedule", Map.of("reason", "back to the earliest slot"))
                .then().statusCode(200).body("sequence", org.hamcrest.Matchers.equalTo(2));
    }

    private static ConsumerRecord<String, byte[]> published(KafkaTopic topic, String reviewId) {
        return topic.poll().withKey(reviewId).stream().filter(r -> "review.published".equals(header(r, "ce_type")))
                .findFirst().orElse(null);
    }
}
