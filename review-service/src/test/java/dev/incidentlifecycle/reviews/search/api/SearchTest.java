package dev.incidentlifecycle.reviews.search.api;

import dev.incidentlifecycle.reviews.search.SearchFilter;
import dev.incidentlifecycle.reviews.testing.Api;
import dev.incidentlifecycle.reviews.testing.IncidentStory;
import dev.incidentlifecycle.reviews.testing.Scenarios;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

import static dev.incidentlifecycle.reviews.testing.Api.asReader;
import static dev.incidentlifecycle.reviews.testing.Api.asResponder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** GET /search through the real topics and database: each test searches for words only it uses. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "reviews"))
class SearchTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void finds_an_incident_by_a_word_of_its_title_before_one_that_only_notes_it_and_one_by_its_summary() {
        String word = word();
        IncidentStory titled = IncidentStory.about("Checkout " + word + " exhausted", "checkout");
        IncidentStory noted = IncidentStory.about("Checkout slow", "checkout");
        IncidentStory summarised = IncidentStory.about("Cart errors", "cart");
        String summaryWord = word();
        RealInfrastructure.produce(
                titled.declared("SEV2", "ivy", "ivy", NOW.minusSeconds(600)),
                noted.declared("SEV2", "ivy", "ivy", NOW.minusSeconds(300)),
                noted.noteAdded("the " + word + " looked full around noon", "ivy", NOW.minusSeconds(200)),
                summarised.declared("SEV3", "ivy", "ivy", NOW.minusSeconds(100)),
                summarised.edited("Cart errors", "The " + summaryWord + " cache served stale carts", "cart", "ivy", NOW));

        JsonPath found = awaitHits(word, 2);
        assertThat(found.getList("items.kind", String.class)).containsExactly("INCIDENT", "INCIDENT");
        assertThat(found.getList("items.id", String.class))
                .containsExactly(titled.id().toString(), noted.id().toString());
        assertThat(found.getFloat("items[0].rank")).isGreaterThan(found.getFloat("items[1].rank"));
        assertThat(found.getString("items[0].incidentNumber")).isEqualTo(titled.number());
        assertThat(found.getString("items[0].title")).isEqualTo("Checkout " + word + " exhausted");
        assertThat(found.getString("items[0].snippet")).contains("<mark>" + word + "</mark>");
        assertThat(found.getString("items[1].snippet")).contains("<mark>" + word + "</mark>");

        JsonPath bySummary = awaitHits(summaryWord, 1);
        assertThat(bySummary.getString("items[0].id")).isEqualTo(summarised.id().toString());
        assertThat(bySummary.getString("items[0].snippet")).contains("<mark>" + summaryWord + "</mark>");
    }

    @Test
    void finds_a_review_by_a_word_of_its_summary_before_one_that_only_mentions_it_elsewhere() {
        String word = word();
        Scenarios.Scheduled summarised = Scenarios.scheduledReview("Ledger stalled", "SEV2", NOW);
        Scenarios.Scheduled mentioned = Scenarios.scheduledReview("Ledger slow", "SEV2", NOW);
        Api.command(asResponder(), summarised.reviewId(), "PATCH", "/document",
                Map.of("summary", "The " + word + " job held a lock on the ledger for an hour.")).then().statusCode(200);
        Api.command(asResponder(), mentioned.reviewId(), "PATCH", "/document",
                Map.of("summary", "Ledger writes slowed down.", "openQuestions", "Did the " + word + " job run too?"))
                .then().statusCode(200);
        Api.command(asResponder(), mentioned.reviewId(), "POST", "/contributing-factors",
                Map.of("category", "process", "description", "Nobody owned the nightly jobs")).then().statusCode(201);

        JsonPath found = search(request -> request.queryParam("q", word + " job"));
        assertThat(found.getList("items.kind", String.class)).containsExactly("REVIEW", "REVIEW");
        assertThat(found.getList("items.id", String.class)).containsExactly(summarised.reviewId(), mentioned.reviewId());
        assertThat(found.getInt("total")).isEqualTo(2);
        assertThat(found.getString("items[0].incidentId")).isEqualTo(summarised.incident().id().toString());
        assertThat(found.getString("items[0].status")).isEqualTo("SCHEDULED");
        assertThat(found.getString("items[0].snippet")).contains("<mark>" + word + "</mark>");

        JsonPath byFactor = search(request -> request.queryParam("q", "nightly jobs owned").queryParam("kind", "REVIEW"));
        assertThat(byFactor.getList("items.id", String.class)).contains(mentioned.reviewId());
    }

    @Test
    void filters_by_kind_service_severity_and_period_and_pages() {
        String word = word();
        String service = "svc-" + word;
        IncidentStory sev2 = IncidentStory.about("Queue " + word + " backlog", service);
        IncidentStory sev3 = IncidentStory.about("Queue " + word + " lag", service);
        IncidentStory elsewhere = IncidentStory.about("Queue " + word + " drops", "other-" + word);
        Instant lastYear = NOW.minus(Duration.ofDays(400));
        RealInfrastructure.produce(
                sev2.declared("SEV2", "ivy", "ivy", NOW.minusSeconds(60)),
                sev3.declared("SEV3", "ivy", "ivy", lastYear),
                elsewhere.declared("SEV2", "ivy", "ivy", NOW.minusSeconds(30)));
        awaitHits(word, 3);

        assertThat(ids(search(request -> request.queryParam("q", word).queryParam("service", service.toUpperCase()))))
                .containsExactlyInAnyOrder(sev2.id().toString(), sev3.id().toString());
        assertThat(ids(search(request -> request.queryParam("q", word).queryParam("severity", "SEV3,sev4"))))
                .containsExactly(sev3.id().toString());
        assertThat(ids(search(request -> request.queryParam("q", word).queryParam("from", NOW.minus(Duration.ofDays(30)).toString()))))
                .containsExactlyInAnyOrder(sev2.id().toString(), elsewhere.id().toString());
        assertThat(ids(search(request -> request.queryParam("q", word).queryParam("to", NOW.minus(Duration.ofDays(30)).toString().substring(0, 10)))))
                .containsExactly(sev3.id().toString());
        assertThat(ids(search(request -> request.queryParam("q", word).queryParam("kind", "REVIEW")))).isEmpty();

        JsonPath second = search(request -> request.queryParam("q", word).queryParam("size", 2).queryParam("page", 1));
        assertThat(second.getInt("total")).isEqualTo(3);
        assertThat(second.getInt("page")).isEqualTo(1);
        assertThat(second.getInt("size")).isEqualTo(2);
        assertThat(second.getList("items")).hasSize(1);
        JsonPath beyond = search(request -> request.queryParam("q", word).queryParam("size", 2).queryParam("page", 5));
        assertThat(beyond.getInt("total")).isEqualTo(3);
        assertThat(beyond.getList("items")).isEmpty();

        asReader().queryParam("q", word).queryParam("severity", "SEV9").get("/search").then().statusCode(400)
                .contentType("application/problem+json");
        asReader().queryParam("q", word).queryParam("kind", "ALERT").get("/search").then().statusCode(400);
        asReader().queryParam("q", word).queryParam("from", "2026-02-01").queryParam("to", "2026-01-01")
                .get("/search").then().statusCode(400);
    }

    @Test
    void snippets_are_escaped_text_with_only_the_matches_marked() {
        String word = word();
        IncidentStory hostile = IncidentStory.about("<script>alert('" + word + "')</script> Fish & chips \uE000"
                + word + "\uE001 <img src=x onerror=alert(1)>", "checkout");
        RealInfrastructure.produce(hostile.declared("SEV2", "ivy", "ivy", NOW));

        String snippet = awaitHits(word, 1).getString("items[0].snippet");
        assertThat(snippet).contains("<mark>" + word + "</mark>").contains("&amp;");
        assertThat(snippet.replace("<mark>", "").replace("</mark>", "")).doesNotContain("<", ">", "\"", "'", "\uE000", "\uE001");
    }

    @Test
    void hostile_queries_answer_200_or_a_clear_400_never_500() {
        for (String q : List.of("\"unterminated", "a & | ! <-> :* (( ))", "-", "or or or", "'; drop table review; --",
                "\"\" \"\"", "!!!!", "the", "pool:*", "x".repeat(SearchFilter.MAX_QUERY_LENGTH), "😀 ümlaut ß")) {
            asReader().queryParam("q", q).get("/search").then().statusCode(200).body("page", equalTo(0));
        }
        asReader().queryParam("q", "x".repeat(SearchFilter.MAX_QUERY_LENGTH + 1)).get("/search").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString(String.valueOf(SearchFilter.MAX_QUERY_LENGTH)));
        asReader().queryParam("q", "pool\u0000").get("/search").then().statusCode(400);
        asReader().queryParam("q", " ").get("/search").then().statusCode(400);
        asReader().get("/search").then().statusCode(400).body("detail", containsString("q is required"));
        asReader().queryParam("q", "pool").queryParam("size", 0).get("/search").then().statusCode(400);
        asReader().queryParam("q", "pool").queryParam("page", Integer.MAX_VALUE).get("/search").then().statusCode(400);
    }

    @Test
    void search_needs_a_token() {
        io.restassured.RestAssured.given().queryParam("q", "pool").get("/search").then().statusCode(401);
    }

    private static JsonPath awaitHits(String q, int count) {
        JsonPath[] found = new JsonPath[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            found[0] = search(request -> request.queryParam("q", q));
            return found[0].getInt("total") >= count;
        });
        return found[0];
    }

    private static JsonPath search(UnaryOperator<RequestSpecification> query) {
        return query.apply(asReader()).get("/search").then().statusCode(200).extract().jsonPath();
    }

    private static List<String> ids(JsonPath page) {
        return page.getList("items.id", String.class);
    }

    /** A made-up word no other test uses, that English stemming leaves alone. */
    private static String word() {
        StringBuilder word = new StringBuilder("zq");
        for (int i = 0; i < 8; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return word.toString();
    }
}
