package dev.incidentlifecycle.actions;

import dev.incidentlifecycle.testing.Tokens;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** The actions-service API as the tests' people use it. */
public final class Api {

    public static final String PROBLEM = "application/problem+json";

    private Api() {
    }

    /** A member of {@code team}, with no particular role. */
    public static String memberOf(String team) {
        return Tokens.forUser("ana-" + team).teams(team).sign();
    }

    public static String admin() {
        return Tokens.forUser("root").roles("admin").sign();
    }

    /** Someone signed in, of no team: may read everything, change nothing. */
    public static String reader() {
        return Tokens.forUser("reader").roles("reviewer").sign();
    }

    public static Response get(String path) {
        return given().auth().oauth2(reader()).get(path);
    }

    public static JsonPath item(UUID id) {
        return given().auth().oauth2(reader()).get("/action-items/" + id).then().statusCode(200).extract().jsonPath();
    }

    public static List<String> eventTypes(UUID id) {
        return given().auth().oauth2(reader()).get("/action-items/" + id + "/events")
                .then().statusCode(200).extract().jsonPath().getList("type", String.class);
    }

    /** Waits until the consumer has created the item. */
    public static JsonPath awaitItem(UUID id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> get("/action-items/" + id).statusCode() == 200);
        return item(id);
    }

    /** Waits until the item reaches {@code version}. */
    public static JsonPath awaitVersion(UUID id, long version) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Response response = get("/action-items/" + id);
                    return response.statusCode() == 200 && response.jsonPath().getLong("version") >= version;
                });
        return item(id);
    }
}
