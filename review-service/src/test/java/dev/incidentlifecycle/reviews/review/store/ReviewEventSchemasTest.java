package dev.incidentlifecycle.reviews.review.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
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
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static dev.incidentlifecycle.reviews.testing.Api.asAdmin;
import static dev.incidentlifecycle.reviews.testing.Api.asResponder;
import static dev.incidentlifecycle.reviews.testing.Api.asReviewer;
import static dev.incidentlifecycle.testing.KafkaTopic.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every review event type has a JSON Schema (draft 2020-12) in {@code schemas/review-events/}, and what this
 * service really publishes on review-events fits it: three reviews are driven through every step, and each
 * record they put on the topic is validated against the schema its ce_type names.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "reviews"))
class ReviewEventSchemasTest {

    static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    static final SchemaValidatorsConfig STRICT = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    @Inject
    TestClock clock;

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @Test
    void every_event_type_has_a_schema() {
        for (String type : ReviewAggregate.CODEC.types()) {
            assertThat(schema(type)).as(type).isNotNull();
        }
    }

    @Test
    void every_event_published_on_review_events_fits_its_schema() {
        Instant now = clock.instant();
        String tag = "canary-" + UUID.randomUUID().toString().substring(0, 8);

        // A: on hold and back, severity raised, the whole document, published, followed up, amended.
        Scenarios.Scheduled a = Scenarios.scheduledReview("Checkout timeouts", "SEV3", now);
        String reviewA = a.reviewId();
        RealInfrastructure.produce(a.incident().reopened("ivy", "timeouts again", now.plusSeconds(60)));
        await().atMost(Duration.ofSeconds(30)).until(() -> Api.review(reviewA).getString("status").equals("ON_HOLD"));
        RealInfrastructure.produce(a.incident().resolved("ivy", now.plusSeconds(600)),
                a.incident().severityChanged("SEV3", "SEV2", "ivy", now.plusSeconds(700)));
        await().atMost(Duration.ofSeconds(30)).until(() -> Api.review(reviewA).getString("severity").equals("SEV2"));
        Api.command(asResponder(), reviewA, "POST", "/participants", Map.of("participant", "kai")).then().statusCode(200);
        Api.command(asReviewer(), reviewA, "POST", "/start", null).then().statusCode(200);
        Api.command(asResponder(), reviewA, "PATCH", "/document", Map.of("summary", "Human error during the deploy.",
                "impact", "Checkout was slow for 20 minutes.", "openQuestions", "Why did the canary pass?")).then().statusCode(200);
        String entry = Api.review(reviewA).getString("timeline[0].entryId");
        Api.command(asResponder(), reviewA, "PUT", "/timeline/" + entry + "/note", Map.of("note", "The page went to the secondary."))
                .then().statusCode(200);
        String factor = Api.command(asResponder(), reviewA, "POST", "/contributing-factors",
                Map.of("category", "communication", "description", "Status updates went to an unused channel"))
                .then().statusCode(201).extract().header("Location");
        Api.command(asResponder(), reviewA, "POST", "/contributing-factors",
                Map.of("category", "technical", "description", "The canary compared against a cold baseline",
                        "tags", List.of(tag))).then().statusCode(201);
        Api.command(asResponder(), reviewA, "DELETE", factor.substring(factor.indexOf("/contributing-factors")), null).then().statusCode(200);
        UUID kept = UUID.randomUUID();
        UUID withdrawn = UUID.randomUUID();
        Api.command(asResponder(), reviewA, "POST", "/action-items", Map.of("actionItemId", kept.toString(),
                "title", "Warm the canary baseline", "type", "prevent", "ownerTeam", "payments")).then().statusCode(201);
        Api.command(asResponder(), reviewA, "PUT", "/action-items/" + kept, Map.of("title", "Warm the canary baseline",
                "type", "prevent", "ownerTeam", "payments", "owner", "lee", "priority", "p1", "dueDate", "2027-02-01")).then().statusCode(200);
        Api.command(asResponder(), reviewA, "POST", "/action-items", Map.of("actionItemId", withdrawn.toString(),
                "title", "Page twice", "type", "detect", "ownerTeam", "payments")).then().statusCode(201);
        Api.command(asResponder(), reviewA, "DELETE", "/action-items/" + withdrawn + "?reason=duplicate", null).then().statusCode(200);
        for (String finding : Api.review(reviewA).getList("findings.id", String.class)) {
            Api.command(asReviewer(), reviewA, "POST", "/findings/" + finding + "/dismiss",
                    Map.of("reason", "the responder's own words")).then().statusCode(200);
        }
        Api.command(asReviewer(), reviewA, "POST", "/publish", null).then().statusCode(200);
        RealInfrastructure.produce(ActionItemStory.completed(kept, UUID.fromString(reviewA), "lee", now.plusSeconds(900)));
        await().atMost(Duration.ofSeconds(60)).until(() -> Api.review(reviewA).getBoolean("followUpCompleted"));
        Api.command(asResponder(), reviewA, "PATCH", "/document", Map.of("whatWentWell", "Rollback took two minutes."))
                .then().statusCode(200);
        Api.command(asReviewer(), reviewA, "POST", "/amend", Map.of("reason", "added what went well")).then().statusCode(200);

        // B: overdue, then cancelled. C: suggested, declined.
        Scenarios.Scheduled b = Scenarios.scheduledReview("Backups late", "SEV1", now);
        clock.pin(Instant.parse(b.review().getString("dueAt")).plusSeconds(60));
        asAdmin().post("/admin/overdue-sweep").then().statusCode(200);
        clock.reset();
        Api.command(asReviewer(), b.reviewId(), "POST", "/cancel", Map.of("reason", "covered by the review of the outage")).then().statusCode(200);
        Scenarios.Scheduled c = Scenarios.scheduledReview("Slow admin pages", "SEV3", now);
        Api.command(asResponder(), c.reviewId(), "POST", "/decline", Map.of("reason", "known, tracked")).then().statusCode(200);

        // D: nobody of the rotation is free (all were in the incident), overdue, then given a facilitator; asked for
        // again by hand after being cancelled.
        dev.incidentlifecycle.reviews.testing.IncidentStory allPaged =
                dev.incidentlifecycle.reviews.testing.IncidentStory.about("Every facilitator paged", "payments");
        RealInfrastructure.produce(allPaged.declared("SEV2", "fac.amara", "fac.amara", now.minusSeconds(600)),
                allPaged.responderJoined("fac.bo", now.minusSeconds(500)),
                allPaged.responderJoined("fac.chen", now.minusSeconds(400)), allPaged.resolved("fac.amara", now));
        String reviewD = Api.awaitReviewOf(allPaged.id()).getString("id");
        clock.pin(Instant.parse(Api.review(reviewD).getString("dueAt")).plusSeconds(60));
        asAdmin().post("/admin/overdue-sweep").then().statusCode(200);
        clock.reset();
        Api.command(asReviewer(), reviewD, "POST", "/facilitator", Map.of("facilitator", "gus")).then().statusCode(200);
        Api.command(asReviewer(), reviewD, "POST", "/cancel", Map.of("reason", "merged into another review")).then().statusCode(200);
        String reviewE = asReviewer().body(Map.of("incidentId", allPaged.id().toString())).post("/reviews")
                .then().statusCode(201).extract().jsonPath().getString("id");

        // F: names the same condition as A on the same service: the recurrence is found when it is published.
        String reviewF = Scenarios.reviewInProgress("Checkout timeouts again", now).reviewId();
        Api.command(asResponder(), reviewF, "POST", "/contributing-factors", Map.of("category", "technical",
                "description", "The canary baseline was cold again", "tags", List.of(tag))).then().statusCode(201);
        Api.command(asReviewer(), reviewF, "POST", "/publish", null).then().statusCode(200);

        Set<String> reviews = Set.of(reviewA, b.reviewId(), c.reviewId(), reviewD, reviewE, reviewF);
        Map<String, Integer> expected = new HashMap<>();
        for (String reviewId : reviews) {
            expected.put(reviewId, Api.review(reviewId).getInt("version"));
        }
        try (KafkaTopic topic = KafkaTopic.readFromStart("review-events")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                topic.poll();
                return reviews.stream().allMatch(id -> topic.withKey(id).size() == expected.get(id));
            });
            Set<String> seen = new TreeSet<>();
            for (ConsumerRecord<String, byte[]> record : topic.records().stream().filter(r -> reviews.contains(r.key())).toList()) {
                String type = header(record, "ce_type");
                seen.add(type);
                JsonNode payload = EventJson.mapper().readTree(record.value());
                Set<ValidationMessage> errors = schema(type).validate(payload);
                assertThat(errors).as("%s: %s", type, payload).isEmpty();
                assertThat(payload.path("reviewId").asText()).isEqualTo(record.key());
            }
            assertThat(seen).containsExactlyInAnyOrderElementsOf(ReviewAggregate.CODEC.types());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_payload_that_breaks_the_contract_is_caught_by_the_schema() throws IOException {
        JsonNode wrong = EventJson.mapper().readTree("{\"reviewId\": \"not-a-uuid\", \"incidentId\": \"" + UUID.randomUUID()
                + "\", \"actor\": \"x\", \"occurredAt\": \"2026-01-01T00:00:00Z\", \"extra\": 1}");
        assertThat(schema("review.started").validate(wrong)).hasSizeGreaterThanOrEqualTo(2);
    }

    private static JsonSchema schema(String type) {
        String path = "schemas/review-events/" + type + ".json";
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                return null;
            }
            return SCHEMAS.getSchema(in, STRICT);
        } catch (IOException e) {
            throw new IllegalStateException(path, e);
        }
    }
}
