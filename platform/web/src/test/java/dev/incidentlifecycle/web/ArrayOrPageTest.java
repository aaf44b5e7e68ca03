package dev.incidentlifecycle.web;

import dev.incidentlifecycle.testing.RealInfrastructure;
import dev.incidentlifecycle.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** A listing that answered a whole array: the array stays, bounded and linked to what follows; page or size pages it. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "web_test"))
class ArrayOrPageTest {

    static final String PROBLEM = "application/problem+json";
    static final String READER = Tokens.forUser("quinn").sign();

    static Response numbered(long count, Object... pageAndSize) {
        var request = given().auth().oauth2(READER).queryParam("count", count);
        if (pageAndSize.length > 0 && pageAndSize[0] != null) {
            request = request.queryParam("page", pageAndSize[0]);
        }
        if (pageAndSize.length > 1) {
            request = request.queryParam("size", pageAndSize[1]);
        }
        return request.get("/numbered");
    }

    @Test
    void without_page_or_size_a_short_listing_is_the_whole_array_without_a_link() {
        numbered(3).then().statusCode(200).header("Link", nullValue()).body("number", equalTo(List.of(0, 1, 2)));
        numbered(ArrayOrPage.ARRAY_LIMIT).then().statusCode(200).header("Link", nullValue())
                .body("size()", equalTo(ArrayOrPage.ARRAY_LIMIT));
    }

    @Test
    void a_longer_listing_is_its_first_entries_and_a_link_to_the_page_after_them() {
        Response array = numbered(ArrayOrPage.ARRAY_LIMIT + 1);
        array.then().statusCode(200)
                .header("Link", equalTo("</numbered?count=1001&page=5&size=200>; rel=\"next\""));
        assertThat(array.jsonPath().getList("number", Integer.class))
                .isEqualTo(IntStream.range(0, ArrayOrPage.ARRAY_LIMIT).boxed().toList());

        numbered(ArrayOrPage.ARRAY_LIMIT + 1, 5, 200).then().statusCode(200).header("Link", nullValue())
                .body("items.number", equalTo(List.of(ArrayOrPage.ARRAY_LIMIT)), "total", equalTo(ArrayOrPage.ARRAY_LIMIT + 1),
                        "page", equalTo(5), "size", equalTo(200));
    }

    @Test
    void page_or_size_answers_one_page_of_at_most_the_largest_size() {
        numbered(7, 1, 3).then().statusCode(200).body("items.number", equalTo(List.of(3, 4, 5)), "total", equalTo(7),
                "page", equalTo(1), "size", equalTo(3));
        numbered(7, 1).then().statusCode(200).body("items", equalTo(List.of()), "page", equalTo(1),
                "size", equalTo(PageRequest.DEFAULT_SIZE));
        numbered(7, null, 2).then().statusCode(200).body("items.number", equalTo(List.of(0, 1)), "page", equalTo(0));
        numbered(5000, 0, 10_000).then().statusCode(200).body("size", equalTo(PageRequest.MAX_SIZE),
                "items.size()", equalTo(PageRequest.MAX_SIZE));
    }

    @Test
    void a_page_or_size_out_of_bounds_is_a_400_problem_naming_it() {
        numbered(7, -1).then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("page"));
        numbered(7, Integer.MAX_VALUE, 200).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("page"), "detail", equalTo("page must be from 0 to " + PageRequest.MAX_PAGE));
        numbered(7, 0, 0).then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("size"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_document_gives_both_shapes_the_link_and_what_page_and_size_do() {
        JsonPath api = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Object> operation = api.getMap("paths.'/numbered'.get");
        assertThat(operation).doesNotContainKey(ArrayOrPageDocumentation.MARK);
        assertThat((String) operation.get("description")).isEqualTo(ArrayOrPageDocumentation.BOTH_SHAPES);
        String ok = "paths.'/numbered'.get.responses.'200'";
        assertThat(api.getMap(ok)).doesNotContainKey(ArrayOrPageDocumentation.MARK);
        // Both shapes in one schema: items for the array, properties for the page.
        Map<String, Object> schema = api.getMap(ok + ".content.'application/json'.schema");
        assertThat((List<String>) schema.get("type")).containsExactly("array", "object");
        assertThat(schema).containsEntry("maxItems", ArrayOrPage.ARRAY_LIMIT)
                .containsEntry("items", Map.of("$ref", "#/components/schemas/Numbered"));
        assertThat((Map<String, Object>) schema.get("properties")).containsOnlyKeys("items", "total", "page", "size");
        assertThat((List<String>) schema.get("required")).containsExactly("items", "total", "page", "size");
        assertThat(api.getString(ok + ".headers.Link.example")).isEqualTo("</numbered?page=5&size=200>; rel=\"next\"");
        List<Map<String, Object>> parameters = api.getList("paths.'/numbered'.get.parameters");
        assertThat(parameters).filteredOn(p -> "page".equals(p.get("name"))).singleElement()
                .satisfies(p -> assertThat((Map<String, Object>) p.get("schema")).containsEntry("minimum", 0)
                        .containsEntry("maximum", PageRequest.MAX_PAGE));
        assertThat(parameters).filteredOn(p -> "size".equals(p.get("name"))).singleElement()
                .satisfies(p -> assertThat((String) p.get("description")).contains("at most " + PageRequest.MAX_SIZE));
    }
}
