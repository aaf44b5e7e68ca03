package dev.incidentlifecycle.reviews.review.api;

import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The API is described at /q/openapi, every operation with a summary. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "reviews"))
class OpenApiDocumentTest {

    @Test
    void every_endpoint_is_documented() {
        JsonPath api = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Object> paths = api.getMap("paths");
        assertThat(paths).containsKeys("/reviews", "/reviews/{id}", "/reviews/{id}/events", "/reviews/{id}/publish",
                "/reviews/{id}/amend", "/reviews/{id}/reschedule", "/reviews/{id}/findings/{findingId}/dismiss",
                "/reviews/calendar.ics", "/reviews/insights", "/language-check", "/admin/overdue-sweep");
        for (String path : paths.keySet()) {
            Map<String, Object> operations = api.getMap("paths.'" + path + "'");
            operations.forEach((method, operation) -> {
                if (operation instanceof Map<?, ?> described && described.containsKey("responses")) {
                    assertThat(described.get("summary")).as("%s %s", method, path).isNotNull();
                }
            });
        }
    }

    @Test
    void the_history_is_documented_as_the_bounded_array_or_a_page_with_its_link() {
        JsonPath api = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        String events = "paths.'/reviews/{id}/events'.get";
        assertThat(api.getString(events + ".operationId")).isEqualTo("getReviewEvents");
        String schema = events + ".responses.'200'.content.'application/json'.schema";
        assertThat(api.getList(schema + ".type", String.class)).containsExactly("array", "object");
        assertThat(api.getString(schema + ".items.'$ref'")).isEqualTo("#/components/schemas/HistoryEntry");
        assertThat(api.getMap(schema + ".properties")).containsKeys("items", "total", "page", "size");
        assertThat(api.getString(events + ".responses.'200'.headers.Link.example")).endsWith("?page=5&size=200>; rel=\"next\"");
        assertThat(api.getList(events + ".parameters.name", String.class)).contains("page", "size");
    }
}
