package dev.incidentlifecycle.web;

import dev.incidentlifecycle.testing.RealInfrastructure;
import dev.incidentlifecycle.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "web_test"))
class ConventionsTest {

    static final String PROBLEM = "application/problem+json";
    @TestHTTPResource("/guarded")
    URL guarded;

    static final String NOTE = "{\"text\": \"checked the dashboards\", \"priority\": 2}";

    static String responder() {
        return Tokens.forUser("riley").roles("responder").teams("payments", "search").sign();
    }

    @Test
    void without_a_token_the_answer_is_401_as_problem_json() {
        given().contentType(ContentType.JSON).body(NOTE).post("/guarded")
                .then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401), "title", equalTo("Unauthorized"), "detail", containsString("bearer token"));
        given().get("/guarded").then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void a_token_signed_by_another_key_or_expired_is_401() {
        given().auth().oauth2(Tokens.signedByAnotherKey()).get("/guarded").then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2(Tokens.expired()).get("/guarded").then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void a_token_for_another_audience_or_issued_too_long_ago_is_401() {
        given().auth().oauth2(Tokens.forUser("riley").roles("responder").claim("aud", "another-system").sign())
                .get("/guarded").then().statusCode(401).contentType(PROBLEM);
        Instant issued = Instant.now().minus(Duration.ofHours(25));
        String old = Tokens.forUser("riley").roles("responder").validBetween(issued, Instant.now().plus(Duration.ofHours(1))).sign();
        given().auth().oauth2(old).get("/guarded").then().statusCode(401).contentType(PROBLEM);
        String recent = Tokens.forUser("riley").roles("responder").validBetween(Instant.now().minus(Duration.ofHours(23)),
                Instant.now().plus(Duration.ofHours(1))).sign();
        given().auth().oauth2(recent).get("/guarded").then().statusCode(200);
    }

    @Test
    void the_wrong_role_is_403_as_problem_json() {
        given().auth().oauth2(Tokens.forUser("val").roles("reviewer").sign()).contentType(ContentType.JSON).body(NOTE).post("/guarded")
                .then().statusCode(403).contentType(PROBLEM).body("status", equalTo(403), "title", equalTo("Forbidden"));
    }

    @Test
    void reads_need_only_a_valid_token_and_see_teams() {
        given().auth().oauth2(responder()).get("/guarded")
                .then().statusCode(200).body(containsString("riley"), containsString("payments"));
    }

    @Test
    void an_endpoint_without_a_rule_is_denied() {
        given().auth().oauth2(responder()).get("/guarded/forgotten").then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void malformed_json_is_400_with_where_it_broke() {
        given().auth().oauth2(responder()).contentType(ContentType.JSON).body("{\"text\": \"unterminated").post("/guarded")
                .then().statusCode(400).contentType(PROBLEM)
                .body("title", equalTo("Malformed JSON"), "detail", containsString("line 1"));
    }

    @Test
    void unknown_fields_missing_fields_and_wrong_types_name_the_field() {
        given().auth().oauth2(responder()).contentType(ContentType.JSON)
                .body("{\"text\": \"x\", \"priority\": 1, \"colour\": \"red\"}").post("/guarded")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("colour"), "detail", containsString("unknown field"));
        given().auth().oauth2(responder()).contentType(ContentType.JSON).body("{\"priority\": 1}").post("/guarded")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("text"));
        given().auth().oauth2(responder()).contentType(ContentType.JSON).body("{\"text\": \"x\", \"priority\": \"high\"}").post("/guarded")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("priority"), "detail", containsString("an integer"));
        given().auth().oauth2(responder()).contentType(ContentType.JSON).body("{\"text\": \"x\", \"priority\": 1, \"at\": \"yesterday\"}")
                .post("/guarded")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("at"), "detail", containsString("RFC 3339"));
    }

    @Test
    void a_valid_request_passes() {
        given().auth().oauth2(responder()).contentType(ContentType.JSON).body(NOTE).post("/guarded")
                .then().statusCode(201).body("text", equalTo("checked the dashboards"));
    }

    @Test
    void an_oversized_body_is_refused() {
        given().auth().oauth2(responder()).contentType(ContentType.JSON)
                .body("{\"text\": \"" + "x".repeat(8 * 1024) + "\", \"priority\": 1}").post("/guarded")
                .then().statusCode(413).contentType(PROBLEM)
                .body("status", equalTo(413), "detail", containsString("the limit is 4 KiB (4,096 bytes)"));
    }

    @Test
    void a_client_that_waits_for_100_continue_is_refused_before_it_sends_an_oversized_body() throws Exception {
        try (Socket socket = new Socket(guarded.getHost(), guarded.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /guarded HTTP/1.1\r\nHost: " + guarded.getHost() + "\r\n"
                    + "Authorization: Bearer " + responder() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000000\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            // No body is sent: the answer comes on the headers alone, is the final one, and ends the connection. It has
            // no body (see BodySizeLimit: Java's HttpClient hangs on one here).
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("content-length: 0").doesNotContain("100 Continue");
        }
    }

    @Test
    void unknown_paths_are_404_problems_without_stack_traces() {
        given().auth().oauth2(responder()).get("/nowhere")
                .then().statusCode(404).body(not(containsString("Exception")));
    }
}
