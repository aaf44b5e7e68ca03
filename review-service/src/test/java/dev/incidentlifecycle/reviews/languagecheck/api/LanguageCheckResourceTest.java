package dev.incidentlifecycle.reviews.languagecheck.api;

import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.incidentlifecycle.reviews.testing.Api.asReader;
import static dev.incidentlifecycle.reviews.testing.Api.asResponder;
import static dev.incidentlifecycle.reviews.testing.Api.asReviewer;
import static org.assertj.core.api.Assertions.assertThat;

/** The people who write reviews (reviewers, responders, admins) check a text for blame and hindsight language. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "reviews"))
class LanguageCheckResourceTest {

    @Test
    void blaming_text_gets_findings_with_position_reason_and_reframing() {
        String text = "The outage was caused by Alice. She obviously should have checked the dashboard.";
        JsonPath result = asReviewer().body(Map.of("text", text, "field", "impact", "people", List.of("Alice Smith")))
                .post("/language-check").then().statusCode(200).extract().jsonPath();
        List<String> phrases = result.getList("findings.phrase", String.class);
        assertThat(phrases).anySatisfy(p -> assertThat(p).containsIgnoringCase("caused by Alice"));
        assertThat(phrases).anySatisfy(p -> assertThat(p).containsIgnoringCase("obviously"));
        assertThat(phrases).anySatisfy(p -> assertThat(p).containsIgnoringCase("should have"));
        assertThat(result.getList("findings.field", String.class)).containsOnly("impact");
        int start = result.getInt("findings[0].start");
        int end = result.getInt("findings[0].end");
        assertThat(text.substring(start, end)).isEqualTo(result.getString("findings[0].phrase"));
        assertThat(result.getString("findings[0].why")).isNotBlank();
        assertThat(result.getString("findings[0].reframing")).isNotBlank();
        assertThat(result.getString("findings[0].id")).isNotBlank();
    }

    @Test
    void neutral_text_about_systems_has_no_findings_and_a_body_without_text_is_refused() {
        assertThat(asReviewer().body(Map.of("text", "The deploy failed because the health check timed out under load."))
                .post("/language-check").then().statusCode(200).extract().jsonPath().getList("findings")).isEmpty();
        asReviewer().body(Map.of("field", "summary")).post("/language-check").then().statusCode(400)
                .contentType("application/problem+json");
        asReviewer().body(Map.of("text", "x", "tone", "angry")).post("/language-check").then().statusCode(400);
    }

    @Test
    void only_the_roles_that_write_reviews_may_check_a_text() {
        asResponder().body(Map.of("text", "Human error.")).post("/language-check").then().statusCode(200);
        asReader().body(Map.of("text", "Human error.")).post("/language-check").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void a_text_of_20000_characters_is_checked_and_a_longer_one_is_refused_with_413_naming_the_limit() {
        String crafted = ("he " + "had ".repeat(5_000)).substring(0, 19_990) + " failed to";
        JsonPath result = asReviewer().body(Map.of("text", crafted)).post("/language-check")
                .then().statusCode(200).extract().jsonPath();
        assertThat(result.getList("findings.ruleId", String.class)).isEmpty();

        String blaming = "x".repeat(19_970) + " he had had failed to";
        assertThat(asReviewer().body(Map.of("text", blaming)).post("/language-check").then().statusCode(200)
                .extract().jsonPath().getList("findings.ruleId", String.class)).containsExactly("failed-to");

        asReviewer().body(Map.of("text", "y".repeat(20_001))).post("/language-check").then().statusCode(413)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("20000"));
    }
}
