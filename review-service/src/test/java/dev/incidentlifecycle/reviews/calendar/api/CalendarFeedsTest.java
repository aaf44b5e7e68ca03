package dev.incidentlifecycle.reviews.calendar.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.incidentlifecycle.reviews.calendar.ReviewCalendar;
import dev.incidentlifecycle.reviews.calendar.feed.CalendarFeeds;
import dev.incidentlifecycle.reviews.config.PublicLinks;
import dev.incidentlifecycle.reviews.testing.Api;
import dev.incidentlifecycle.reviews.testing.IncidentStory;
import dev.incidentlifecycle.reviews.testing.TestClock;
import dev.incidentlifecycle.testing.RealInfrastructure;
import dev.incidentlifecycle.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Attendee;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Personal calendar feeds, read without a bearer token as calendar apps read them: with ical4j and python's icalendar. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "reviews"))
class CalendarFeedsTest {

    @Inject
    TestClock clock;

    @Inject
    PublicLinks links;

    @Test
    void a_feed_url_works_without_a_token_and_shows_the_owners_meetings_addressed_by_their_email() throws Exception {
        String owner = person("owner");
        String colleague = person("colleague");
        String stranger = person("stranger");
        String mine = scheduledReview("Checkout latency doubled", owner, colleague);
        String theirs = scheduledReview("Search index stale", stranger, person("other"));

        JsonPath created = as(owner, owner + "@example.com").post("/calendar/feeds")
                .then().statusCode(201).extract().jsonPath();
        URI url = URI.create(created.getString("url"));
        // Absolute, under reviews.public-base-url, with the secret in it.
        assertThat(url.toString()).startsWith(links.path("/calendar/feeds/").toString()).endsWith(".ics");
        assertThat(url.getPath()).contains(created.getString("prefix"));

        Calendar calendar = feed(url);
        List<String> uids = uids(calendar);
        assertThat(uids).contains(ReviewCalendar.uidOf(UUID.fromString(mine)))
                .doesNotContain(ReviewCalendar.uidOf(UUID.fromString(theirs)));
        VEvent meeting = calendar.<VEvent>getComponents("VEVENT").stream()
                .filter(e -> e.getProperty(Property.UID).orElseThrow().getValue().equals(ReviewCalendar.uidOf(UUID.fromString(mine))))
                .findFirst().orElseThrow();
        List<String> attendees = meeting.getProperties(Property.ATTENDEE).stream().map(a -> ((Attendee) a).getValue()).toList();
        // The owner's token named their address; the colleague's is not known, so it stays the made-up one.
        assertThat(attendees).containsExactlyInAnyOrder("mailto:" + owner + "@example.com", "mailto:" + colleague + "@users.invalid");

        // The feed a colleague makes shows their meetings, never the stranger's.
        URI colleagues = URI.create(as(colleague, null).post("/calendar/feeds").then().statusCode(201).extract().path("url"));
        assertThat(uids(feed(colleagues))).contains(ReviewCalendar.uidOf(UUID.fromString(mine)))
                .doesNotContain(ReviewCalendar.uidOf(UUID.fromString(theirs)));
    }

    @Test
    void python_icalendar_reads_the_owners_meeting_from_the_feed_url_alone() throws Exception {
        String owner = person("owner");
        String colleague = person("colleague");
        // A comma and a semicolon: escaped in the feed, as the reader must get them back.
        String reviewId = scheduledReview("Webhooks dropped; retries, too", owner, colleague);
        JsonPath review = Api.review(reviewId);
        URI url = URI.create(as(owner, owner + "@example.com").post("/calendar/feeds").then().statusCode(201).extract().path("url"));

        JsonNode read = PythonIcalendar.read(body(url));

        assertThat(read.path("errors")).isEmpty();
        assertThat(read.path("version").asText()).isEqualTo("2.0");
        assertThat(read.path("events")).hasSize(1);
        JsonNode event = read.path("events").get(0);
        assertThat(event.path("errors")).isEmpty();
        assertThat(event.path("uid").asText()).isEqualTo(ReviewCalendar.uidOf(UUID.fromString(reviewId)));
        assertThat(event.path("summary").asText())
                .isEqualTo("Incident review " + review.getString("incidentNumber") + ": Webhooks dropped; retries, too");
        assertThat(event.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(event.path("sequence").asInt()).isZero();
        // An offset, so python took the times for UTC rather than the reader's local time.
        assertThat(OffsetDateTime.parse(event.path("start").asText()).toInstant())
                .isEqualTo(Instant.parse(review.getString("scheduledStart")));
        assertThat(OffsetDateTime.parse(event.path("end").asText()).toInstant())
                .isEqualTo(Instant.parse(review.getString("scheduledEnd")));
        assertThat(event.path("organizer").path("name").asText()).isEqualTo(review.getString("facilitator"));
        assertThat(event.path("attendees")).extracting(a -> a.path("address").asText() + " " + a.path("name").asText())
                .containsExactlyInAnyOrder("mailto:" + owner + "@example.com " + owner,
                        "mailto:" + colleague + "@users.invalid " + colleague);
        assertThat(event.path("url").asText()).isEqualTo(links.review(UUID.fromString(reviewId)).toString());
    }

    @Test
    void a_revoked_feed_is_refused_at_once_and_only_its_owner_can_revoke_it() {
        String owner = person("owner");
        JsonPath created = as(owner, null).post("/calendar/feeds").then().statusCode(201).extract().jsonPath();
        URI url = URI.create(created.getString("url"));
        given().get(url.getPath()).then().statusCode(200);

        as(person("someone"), null).delete("/calendar/feeds/" + created.getString("id")).then().statusCode(404)
                .contentType("application/problem+json");
        given().get(url.getPath()).then().statusCode(200);

        as(owner, null).delete("/calendar/feeds/" + created.getString("id")).then().statusCode(204);
        given().get(url.getPath()).then().statusCode(404).contentType("application/problem+json");
        as(owner, null).delete("/calendar/feeds/" + created.getString("id")).then().statusCode(404);
        given().get("/calendar/feeds/cf_not-a-feed.ics").then().statusCode(404);
    }

    @Test
    void a_feed_secret_opens_nothing_but_its_feed() {
        String owner = person("owner");
        URI url = URI.create(as(owner, null).post("/calendar/feeds").then().statusCode(201).extract().path("url"));
        String secret = url.getPath().substring("/calendar/feeds/".length(), url.getPath().length() - ".ics".length());

        // Not a bearer token anywhere...
        given().auth().oauth2(secret).get("/reviews").then().statusCode(401);
        given().auth().oauth2(secret).get("/reviews/calendar.ics").then().statusCode(401);
        given().auth().oauth2(secret).get("/calendar/feeds").then().statusCode(401);
        given().auth().oauth2(secret).post("/calendar/feeds").then().statusCode(401);
        // ...nor a query parameter that opens another endpoint.
        given().queryParam("token", secret).get("/reviews/calendar.ics").then().statusCode(401);
        given().queryParam("token", secret).get("/calendar/feeds").then().statusCode(401);
        // The only path open without a token is the feed itself.
        given().get("/calendar/feeds").then().statusCode(401).contentType("application/problem+json");
        given().post("/calendar/feeds").then().statusCode(401);
    }

    @Test
    void the_list_is_paged_shows_no_secrets_and_a_person_has_at_most_twenty_feeds() {
        String owner = person("many");
        for (int i = 0; i < CalendarFeeds.MAX_PER_PERSON; i++) {
            as(owner, null).post("/calendar/feeds").then().statusCode(201);
        }
        as(owner, null).post("/calendar/feeds").then().statusCode(409).contentType("application/problem+json");

        JsonPath first = as(owner, null).queryParam("size", 15).get("/calendar/feeds").then().statusCode(200).extract().jsonPath();
        assertThat(first.getInt("total")).isEqualTo(CalendarFeeds.MAX_PER_PERSON);
        assertThat(first.getInt("page")).isZero();
        assertThat(first.getInt("size")).isEqualTo(15);
        assertThat(first.getList("items")).hasSize(15);
        assertThat(first.getList("items.url")).containsOnlyNulls();
        assertThat(first.getList("items.prefix", String.class)).allSatisfy(prefix -> assertThat(prefix).startsWith("cf_").hasSize(9));
        JsonPath second = as(owner, null).queryParam("size", 15).queryParam("page", 1).get("/calendar/feeds")
                .then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("items")).hasSize(5);
        assertThat(second.getList("items.id")).doesNotContainAnyElementsOf(first.getList("items.id"));
        // Nobody else sees them.
        assertThat(as(person("nosy"), null).get("/calendar/feeds").then().statusCode(200).extract().jsonPath().getInt("total")).isZero();

        // Revoking one frees a place.
        as(owner, null).delete("/calendar/feeds/" + first.getString("items[0].id")).then().statusCode(204);
        as(owner, null).post("/calendar/feeds").then().statusCode(201);
    }

    /** A review of an incident {@code commander} commanded with {@code responder}: both are its participants. */
    private String scheduledReview(String title, String commander, String responder) {
        IncidentStory incident = IncidentStory.about(title, "payments");
        Instant resolved = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        RealInfrastructure.produce(
                incident.declared("SEV2", commander, commander, resolved.minusSeconds(3600)),
                incident.responderJoined(responder, resolved.minusSeconds(3000)),
                incident.resolved(commander, resolved));
        return Api.awaitReviewOf(incident.id()).getString("id");
    }

    private static Calendar feed(URI url) throws Exception {
        return new CalendarBuilder().build(new StringReader(body(url)));
    }

    private static String body(URI url) {
        // As a calendar app asks: the URL only, no Authorization header.
        Response response = given().get(url.getPath());
        response.then().statusCode(200).contentType("text/calendar");
        return response.asString();
    }

    private static List<String> uids(Calendar calendar) {
        return calendar.<VEvent>getComponents("VEVENT").stream()
                .map(e -> e.getProperty(Property.UID).orElseThrow().getValue()).toList();
    }

    private static RequestSpecification as(String user, String email) {
        Tokens.Builder token = Tokens.forUser(user).teams("payments");
        if (email != null) {
            token.claim("email", email);
        }
        return given().auth().oauth2(token.sign());
    }

    private static String person(String role) {
        return role + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
