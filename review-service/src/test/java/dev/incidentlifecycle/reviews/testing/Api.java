package dev.incidentlifecycle.reviews.testing;

import dev.incidentlifecycle.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** The review-service API as people with different roles call it. */
public final class Api {

    private Api() {
    }

    /** A reviewer (facilitates and publishes reviews). */
    public static RequestSpecification asReviewer() {
        return as("rowan", "reviewer");
    }

    /** A responder (writes the document with the others). */
    public static RequestSpecification asResponder() {
        return as("rita", "responder");
    }

    public static RequestSpecification asAdmin() {
        return as("ada", "admin");
    }

    /** Someone with a valid token and no role: may read everything, change nothing. */
    public static RequestSpecification asReader() {
        return as("reggie");
    }

    public static RequestSpecification as(String user, String... roles) {
        return given().auth().oauth2(Tokens.forUser(user).roles(roles).teams("payments").sign())
                .contentType(ContentType.JSON);
    }

    /** Waits until incident-events made a review of the incident, and returns it from {@code GET /reviews/{id}}. */
    public static JsonPath awaitReviewOf(UUID incidentId) {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonPath page = asReader().queryParam("incident", incidentId.toString()).get("/reviews")
                    .then().statusCode(200).extract().jsonPath();
            if (page.getInt("total") == 0) {
                return false;
            }
            id[0] = page.getString("items[0].id");
            return true;
        });
        return review(id[0]);
    }

    public static JsonPath review(String reviewId) {
        return asReader().get("/reviews/" + reviewId).then().statusCode(200).extract().jsonPath();
    }

    /** The review's ETag, for If-Match. */
    public static String etag(String reviewId) {
        return asReader().get("/reviews/" + reviewId).then().statusCode(200).extract().header("ETag");
    }

    public static int reviewsOf(UUID incidentId) {
        return asReader().queryParam("incident", incidentId.toString()).get("/reviews")
                .then().statusCode(200).extract().jsonPath().getInt("total");
    }

    /** Runs a command with the review's current ETag. */
    public static Response command(RequestSpecification as, String reviewId, String method, String path, Object body) {
        RequestSpecification request = as.header("If-Match", etag(reviewId));
        if (body != null) {
            request = request.body(body);
        }
        return request.request(method, "/reviews/" + reviewId + path);
    }
}
