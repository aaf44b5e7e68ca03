package dev.incidentlifecycle.reviews.review.api;

import dev.incidentlifecycle.reviews.review.ReviewLimits;
import dev.incidentlifecycle.reviews.testing.Api;
import dev.incidentlifecycle.reviews.testing.Scenarios;
import dev.incidentlifecycle.reviews.testing.TestClock;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static dev.incidentlifecycle.reviews.testing.Api.asResponder;
import static dev.incidentlifecycle.reviews.testing.Api.asReviewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Over the API: an action item id belongs to the review that proposed it first, and every bound of a review is
 * answered as problem+json naming the limit (400 for a field or list, 413 for the whole outcome).
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "reviews"))
class ReviewBoundsTest {

    @Inject
    TestClock clock;

    static Map<String, Object> item(UUID id, String title, String team) {
        return Map.of("actionItemId", id.toString(), "title", title, "type", "detect", "ownerTeam", team);
    }

    @Test
    void another_teams_review_cannot_list_an_action_item_id_that_belongs_to_a_review_of_payments() {
        String payments = Scenarios.reviewInProgress("Card payments declined", clock.instant()).reviewId();
        String search = Scenarios.reviewInProgress("Search results stale", clock.instant()).reviewId();
        UUID id = UUID.randomUUID();
        Api.command(asResponder(), payments, "POST", "/action-items", item(id, "Alert on payment queue depth", "payments"))
                .then().statusCode(201);

        Api.command(asResponder(), search, "POST", "/action-items", item(id, "Alert on payment queue depth", "search"))
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("action item id " + id + " belongs to another review"));
        // Withdrawn from its review, the id still stays that review's: actions-service knows the item under it.
        Api.command(asReviewer(), payments, "DELETE", "/action-items/" + id, null).then().statusCode(200);
        Api.command(asResponder(), search, "POST", "/action-items", item(id, "Alert on payment queue depth", "search"))
                .then().statusCode(409);
        // The owning review may propose it again; a retry of the same proposal there is harmless.
        Api.command(asResponder(), payments, "POST", "/action-items", item(id, "Alert on payment queue depth", "payments"))
                .then().statusCode(201);
        Api.command(asResponder(), payments, "POST", "/action-items", item(id, "Alert on payment queue depth", "payments"))
                .then().statusCode(201);

        assertThat(Api.review(search).getList("actionItems")).isEmpty();
        JsonPath owner = Api.review(payments);
        assertThat(owner.getList("actionItems.actionItemId", String.class)).containsExactly(id.toString());
        assertThat(owner.getList("actionItems.ownerTeam", String.class)).containsExactly("payments");
    }

    @Test
    void a_text_over_its_bound_is_400_naming_the_field_and_the_limit() {
        String review = Scenarios.reviewInProgress("Checkout slow", clock.instant()).reviewId();
        Api.command(asResponder(), review, "PATCH", "/document", Map.of("summary", "s".repeat(ReviewLimits.SECTION_LENGTH + 1)))
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("summary"))
                .body("detail", containsString(String.valueOf(ReviewLimits.SECTION_LENGTH)));
        Api.command(asResponder(), review, "PUT", "/timeline/" + "e".repeat(ReviewLimits.TIMELINE_ENTRY_ID_LENGTH + 1) + "/note",
                        Map.of("note", "paged twice"))
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("entryId"))
                .body("detail", containsString("the limit is " + ReviewLimits.TIMELINE_ENTRY_ID_LENGTH));
    }

    @Test
    void the_51st_contributing_factor_is_400_naming_the_limit() {
        String review = Scenarios.reviewInProgress("Checkout errors", clock.instant()).reviewId();
        for (int i = 0; i < ReviewLimits.CONTRIBUTING_FACTORS; i++) {
            Api.command(asResponder(), review, "POST", "/contributing-factors",
                    Map.of("category", "tooling", "description", "Factor " + i)).then().statusCode(201);
        }
        Api.command(asResponder(), review, "POST", "/contributing-factors",
                        Map.of("category", "tooling", "description", "One more"))
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("contributingFactors"))
                .body("detail", containsString("at most 50"));
        assertThat(Api.review(review).getList("contributingFactors")).hasSize(ReviewLimits.CONTRIBUTING_FACTORS);
    }

    @Test
    void an_edit_that_would_make_the_outcome_too_large_for_review_published_is_413_naming_the_limit() {
        String review = Scenarios.reviewInProgress("Ledger drift", clock.instant()).reviewId();
        String wide = "€".repeat(ReviewLimits.SECTION_LENGTH);
        Api.command(asResponder(), review, "PATCH", "/document", Map.of("summary", wide, "impact", wide, "whatWentWell", wide))
                .then().statusCode(200);
        Api.command(asResponder(), review, "PATCH", "/document", Map.of("whereWeGotLucky", wide, "openQuestions", wide))
                .then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("detail", containsString("the limit is " + ReviewLimits.OUTCOME_BYTES + " bytes"));
        assertThat(Api.review(review).getString("document.whereWeGotLucky")).isNullOrEmpty();
    }
}
