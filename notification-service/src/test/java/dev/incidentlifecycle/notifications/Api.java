package dev.incidentlifecycle.notifications;

import dev.incidentlifecycle.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** The notification-service API as an admin uses it. */
public final class Api {

    public static final String PROBLEM = "application/problem+json";

    private Api() {
    }

    public static String admin() {
        return Tokens.forUser("root").roles("admin").sign();
    }

    /** Subscribes {@code url}; answers the created subscription (with its secret). */
    public static JsonPath subscribe(String url, String format, List<String> types, Map<String, String> filter) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("targetUrl", url);
        body.put("format", format);
        body.put("eventTypes", types);
        if (filter != null) {
            body.put("filter", filter);
        }
        return given().auth().oauth2(admin()).contentType(ContentType.JSON).body(body)
                .post("/subscriptions").then().statusCode(201).extract().jsonPath();
    }

    public static JsonPath subscription(String id) {
        return given().auth().oauth2(admin()).get("/subscriptions/" + id).then().statusCode(200).extract().jsonPath();
    }

    public static JsonPath deliveries(String subscriptionId, String query) {
        return given().auth().oauth2(admin()).get("/subscriptions/" + subscriptionId + "/deliveries" + query)
                .then().statusCode(200).extract().jsonPath();
    }

    /** Waits until the subscription's log has exactly {@code count} deliveries, all matching {@code each}. */
    public static List<Map<String, Object>> awaitDeliveries(String subscriptionId, int count, Predicate<Map<String, Object>> each) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            List<Map<String, Object>> items = deliveries(subscriptionId, "?size=200").getList("items");
            return items.size() == count && items.stream().allMatch(each);
        });
        return deliveries(subscriptionId, "?size=200").getList("items");
    }

    public static Predicate<Map<String, Object>> status(String status) {
        return item -> status.equals(item.get("status"));
    }
}
