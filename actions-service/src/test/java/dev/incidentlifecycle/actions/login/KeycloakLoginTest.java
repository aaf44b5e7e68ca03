package dev.incidentlifecycle.actions.login;

import dev.incidentlifecycle.actions.ReviewOutcomes;
import dev.incidentlifecycle.actions.ReviewOutcomes.Item;
import dev.incidentlifecycle.testing.RealInfrastructure;
import dev.incidentlifecycle.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static dev.incidentlifecycle.actions.Api.PROBLEM;
import static dev.incidentlifecycle.actions.Api.awaitItem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Login through a real Keycloak: tokens from its token endpoint (password grant) for the users of
 * {@code keycloak/incident-lifecycle-realm.json} — priya (team payments, responder), sam (team search, responder
 * and reviewer), ada (admin) — against the service's team-scoped action items.
 */
@QuarkusTest
@TestProfile(KeycloakLogin.class)
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "actions"))
class KeycloakLoginTest {

    /** The realm's client whose tokens name the services' audience. */
    static final String CLI = "incident-cli";
    /** The same, with access tokens that expire after 10 seconds. */
    static final String SHORT_LIVED = "incident-cli-short-lived";
    /** Another application of the realm: its tokens are not meant for these services. */
    static final String WIKI = "wiki";

    static String login(String client, String user) {
        return given().baseUri(KeycloakServer.tokenEndpoint().toString()).contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", client)
                .formParam("username", user).formParam("password", user + "-password")
                .post()
                .then().statusCode(200).extract().path("access_token");
    }

    static UUID paymentsItem() {
        Item item = Item.of("Page the payments on-call on queue depth", "DETECT", "payments");
        ReviewOutcomes.review().with(item).publish();
        awaitItem(item.id());
        return item.id();
    }

    @Test
    void a_keycloak_token_is_accepted_with_its_roles_and_teams() {
        UUID item = paymentsItem();
        String priya = login(CLI, "priya");

        given().auth().oauth2(priya).get("/action-items/" + item).then().statusCode(200).body("ownerTeam", equalTo("payments"));
        given().auth().oauth2(priya).header("If-Match", "\"1\"").post("/action-items/" + item + "/start")
                .then().statusCode(200).body("status", equalTo("IN_PROGRESS"));
        // realm_access.roles, not the groups claim, gives roles: priya is a responder, not an admin.
        given().auth().oauth2(priya).post("/admin/overdue-sweep").then().statusCode(403).contentType(PROBLEM);
        // OIDC_ROLE_MAPPING: ada's platform-leads is admin here; kim's provider role "admin" is not mapped, so gives nothing.
        given().auth().oauth2(login(CLI, "ada")).post("/admin/overdue-sweep").then().statusCode(200);
        given().auth().oauth2(login(CLI, "kim")).post("/admin/overdue-sweep").then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void team_scoping_holds_for_keycloak_groups() {
        UUID item = paymentsItem();

        given().auth().oauth2(login(CLI, "sam")).header("If-Match", "\"1\"").post("/action-items/" + item + "/start")
                .then().statusCode(403).contentType(PROBLEM).body("detail", containsString("not a member of payments"));
        // An admin of no team may change any team's item.
        given().auth().oauth2(login(CLI, "ada")).header("If-Match", "\"1\"").post("/action-items/" + item + "/start")
                .then().statusCode(200);
    }

    @Test
    void a_token_for_another_audience_is_refused() {
        UUID item = paymentsItem();

        given().auth().oauth2(login(WIKI, "priya")).get("/action-items/" + item)
                .then().statusCode(401).contentType(PROBLEM).header("WWW-Authenticate", "Bearer");
    }

    @Test
    void an_expired_token_is_refused() {
        UUID item = paymentsItem();
        String token = login(SHORT_LIVED, "priya");
        given().auth().oauth2(token).get("/action-items/" + item).then().statusCode(200);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> given().auth().oauth2(token).get("/action-items/" + item).statusCode() == 401);
        given().auth().oauth2(token).get("/action-items/" + item).then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void tokens_of_the_local_key_still_work_beside_keycloak() {
        UUID item = paymentsItem();

        given().auth().oauth2(Tokens.forUser("lee").teams("search").sign()).header("If-Match", "\"1\"")
                .post("/action-items/" + item + "/start").then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(Tokens.forUser("lee").teams("payments").sign()).header("If-Match", "\"1\"")
                .post("/action-items/" + item + "/start").then().statusCode(200).body("status", equalTo("IN_PROGRESS"));
    }
}
