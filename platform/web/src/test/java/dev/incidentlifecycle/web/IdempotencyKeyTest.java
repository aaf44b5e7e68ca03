package dev.incidentlifecycle.web;

import dev.incidentlifecycle.testing.RealInfrastructure;
import dev.incidentlifecycle.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "web_test"))
class IdempotencyKeyTest {

    static final String NOTE = "{\"text\": \"rolled back the deploy\", \"priority\": 1}";

    static String riley() {
        return Tokens.forUser("riley").roles("responder").sign();
    }

    static ExtractableResponse<Response> take(String token, String key, String body) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/guarded/notes").then().extract();
    }

    @Test
    void a_retry_with_the_same_key_and_body_gets_the_same_answer_and_has_no_second_effect() {
        String key = UUID.randomUUID().toString();
        int before = GuardedResource.NOTES_TAKEN.get();

        var first = take(riley(), key, NOTE);
        var retry = take(riley(), key, NOTE);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body().asString()).isEqualTo(first.body().asString());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(retry.contentType()).startsWith("application/json");
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(GuardedResource.NOTES_TAKEN.get()).isEqualTo(before + 1);
    }

    @Test
    void the_same_key_with_another_body_is_422_and_has_no_effect() {
        String key = UUID.randomUUID().toString();
        take(riley(), key, NOTE);
        int after = GuardedResource.NOTES_TAKEN.get();

        var other = take(riley(), key, "{\"text\": \"restarted the pods\", \"priority\": 1}");

        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.contentType()).startsWith(Problem.MEDIA_TYPE);
        assertThat(other.body().jsonPath().getString("detail")).contains("another request");
        assertThat(GuardedResource.NOTES_TAKEN.get()).isEqualTo(after);
    }

    @Test
    void keys_belong_to_their_sender_and_requests_without_a_key_each_take_effect() {
        String key = UUID.randomUUID().toString();
        int before = GuardedResource.NOTES_TAKEN.get();

        var riley = take(riley(), key, NOTE);
        var sam = take(Tokens.forUser("sam").roles("responder").sign(), key, NOTE);
        take(riley(), null, NOTE);
        take(riley(), null, NOTE);

        assertThat(sam.statusCode()).isEqualTo(201);
        assertThat(sam.header("Location")).isNotEqualTo(riley.header("Location"));
        assertThat(GuardedResource.NOTES_TAKEN.get()).isEqualTo(before + 4);
    }

    @Test
    void a_refused_request_is_kept_too_and_a_malformed_key_is_400() {
        String key = UUID.randomUUID().toString();
        String invalid = "{\"text\": \"\", \"priority\": 1}";
        assertThat(take(riley(), key, invalid).statusCode()).isEqualTo(400);
        assertThat(take(riley(), key, invalid).header("Idempotent-Replayed")).isEqualTo("true");

        given().auth().oauth2(riley()).contentType(ContentType.JSON).body(NOTE).header("Idempotency-Key", "x".repeat(256))
                .post("/guarded/notes").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("255"));
        given().auth().oauth2(riley()).contentType(ContentType.JSON).body(NOTE).header("Idempotency-Key", "two words")
                .post("/guarded/notes").then().statusCode(400).body("title", equalTo("Invalid Idempotency-Key"));
    }
}
