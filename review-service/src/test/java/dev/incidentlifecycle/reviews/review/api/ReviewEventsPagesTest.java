package dev.incidentlifecycle.reviews.review.api;

import dev.incidentlifecycle.eventstore.CommandContext;
import dev.incidentlifecycle.eventstore.EventStore;
import dev.incidentlifecycle.reviews.review.DocumentField;
import dev.incidentlifecycle.reviews.review.ReviewEvent;
import dev.incidentlifecycle.reviews.review.store.ReviewAggregate;
import dev.incidentlifecycle.reviews.testing.Scenarios;
import dev.incidentlifecycle.reviews.testing.TestClock;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static dev.incidentlifecycle.reviews.testing.Api.asReader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** The review's raw history: the array it always answered, or one page of it when page or size is given. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "reviews"))
class ReviewEventsPagesTest {

    static final String PROBLEM = "application/problem+json";

    @Inject
    TestClock clock;

    @Inject
    EventStore store;

    @Inject
    ReviewAggregate reviews;

    @Test
    void a_page_of_the_events_is_its_slice_of_the_history_with_the_streams_length() {
        String reviewId = Scenarios.reviewInProgress("Pool exhausted", clock.instant()).reviewId();
        String path = "/reviews/" + reviewId + "/events";
        List<Object> whole = asReader().get(path).then().statusCode(200).header("Link", nullValue())
                .extract().jsonPath().getList("eventId");
        assertThat(whole).hasSizeGreaterThanOrEqualTo(3);

        JsonPath second = asReader().queryParam("page", 1).queryParam("size", 2).get(path).then().statusCode(200)
                .extract().jsonPath();
        assertThat(second.getList("items.eventId")).isEqualTo(whole.subList(2, Math.min(4, whole.size())));
        assertThat(second.getList("items.streamVersion", Integer.class)).first().isEqualTo(3);
        assertThat(second.getLong("total")).isEqualTo(whole.size());
        assertThat(second.getInt("page")).isEqualTo(1);
        assertThat(second.getInt("size")).isEqualTo(2);
        asReader().queryParam("size", 1).get(path).then().statusCode(200)
                .body("items.eventId", equalTo(whole.subList(0, 1)), "page", equalTo(0), "total", equalTo(whole.size()));
    }

    @Test
    void a_history_longer_than_the_array_answers_its_first_events_and_links_the_page_after_them() throws Throwable {
        Scenarios.Scheduled scheduled = Scenarios.reviewInProgress("Long review", clock.instant());
        UUID reviewId = UUID.fromString(scheduled.reviewId());
        // The edits a long-running review collects, appended as the review's own commands would.
        List<ReviewEvent> edits = IntStream.range(0, 1_000).<ReviewEvent>mapToObj(i -> new ReviewEvent.DocumentUpdated(reviewId,
                scheduled.incident().id(), DocumentField.SUMMARY, "Draft " + i, "riley", clock.instant())).toList();
        String aggregateId = ReviewAggregate.aggregateId(reviewId);
        long length = VertxContextSupport.subscribeAndAwait(() -> store.transact(CommandContext.by("riley"), work ->
                work.load(reviews.type(), aggregateId).flatMap(loaded -> work.append(reviews.type(), loaded, edits))))
                .version();
        String path = "/reviews/" + reviewId + "/events";

        Response array = asReader().get(path);
        array.then().statusCode(200).header("Link", equalTo("<" + path + "?page=5&size=200>; rel=\"next\""));
        assertThat(array.jsonPath().getList("streamVersion", Integer.class))
                .isEqualTo(IntStream.rangeClosed(1, 1_000).boxed().toList());
        asReader().queryParam("page", 5).queryParam("size", 200).get(path).then().statusCode(200)
                .body("items[0].streamVersion", equalTo(1_001), "items.size()", equalTo((int) length - 1_000),
                        "total", equalTo((int) length));
    }

    @Test
    void a_page_or_size_out_of_bounds_is_a_400_naming_it() {
        String path = "/reviews/" + Scenarios.reviewInProgress("Bounds", clock.instant()).reviewId() + "/events";
        asReader().queryParam("page", -1).get(path).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("page"));
        asReader().queryParam("page", Integer.MAX_VALUE).queryParam("size", 200).get(path).then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("page"));
        asReader().queryParam("size", 0).get(path).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("size"));
    }

    @Test
    void an_unknown_review_has_no_history_in_either_form() {
        asReader().get("/reviews/" + UUID.randomUUID() + "/events").then().statusCode(404).contentType(PROBLEM);
        asReader().queryParam("page", 0).get("/reviews/" + UUID.randomUUID() + "/events").then().statusCode(404)
                .contentType(PROBLEM);
    }
}
