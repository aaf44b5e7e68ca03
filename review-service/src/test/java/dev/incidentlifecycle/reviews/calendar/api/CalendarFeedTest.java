package dev.incidentlifecycle.reviews.calendar.api;

import dev.incidentlifecycle.reviews.calendar.ReviewCalendar;
import dev.incidentlifecycle.reviews.config.PublicLinks;
import dev.incidentlifecycle.reviews.schedule.FacilitatorDirectory;
import dev.incidentlifecycle.reviews.testing.Api;
import dev.incidentlifecycle.reviews.testing.IncidentStory;
import dev.incidentlifecycle.reviews.testing.Scenarios;
import dev.incidentlifecycle.reviews.testing.TestClock;
import dev.incidentlifecycle.testing.RealInfrastructure;
import dev.incidentlifecycle.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
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
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.incidentlifecycle.reviews.testing.Api.asReader;
import static dev.incidentlifecycle.reviews.testing.Api.asReviewer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The review calendar feed, read by ical4j as a calendar app would. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "schema", value = "reviews"))
class CalendarFeedTest {

    @Inject
    TestClock clock;

    @Inject
    PublicLinks links;

    @Inject
    FacilitatorDirectory directory;

    @Test
    void each_review_is_one_event_with_a_stable_uid_its_facilitator_as_organizer_and_participants_as_attendees() throws Exception {
        Scenarios.Scheduled scheduled = Scenarios.scheduledReview("Queue consumers stalled", "SEV1", clock.instant());
        var review = scheduled.review();

        VEvent event = meeting(feed(), scheduled.reviewId());
        assertThat(text(event, Property.UID)).isEqualTo(ReviewCalendar.uidOf(UUID.fromString(scheduled.reviewId())));
        // An absolute link, under reviews.public-base-url: calendar apps open it outside the service.
        assertThat(text(event, Property.URL)).isEqualTo(links.review(UUID.fromString(scheduled.reviewId())).toString())
                .startsWith("http");
        assertThat(text(event, Property.SEQUENCE)).isEqualTo("0");
        assertThat(text(event, Property.STATUS)).isEqualTo("CONFIRMED");
        assertThat(text(event, Property.SUMMARY)).contains(scheduled.incident().number()).contains("Queue consumers stalled");
        assertThat(instant(event.getDateTimeStart().getDate())).isEqualTo(Instant.parse(review.getString("scheduledStart")));
        assertThat(instant(event.getDateTimeEnd().getDate())).isEqualTo(Instant.parse(review.getString("scheduledEnd")));
        assertThat(event.getProperty(Property.DTSTART).orElseThrow().getValue()).endsWith("Z");
        // Every facilitator of the rotation has an address in the directory (application.properties).
        assertThat(text(event, Property.ORGANIZER)).isEqualTo("mailto:" + directoryAddressOf(review.getString("facilitator")));
        List<String> attendees = event.getProperties(Property.ATTENDEE).stream().map(a -> ((Attendee) a).getValue()).toList();
        assertThat(attendees).containsExactly("mailto:ivy@users.invalid", "mailto:jon@users.invalid");
    }

    @Test
    void people_are_invited_at_the_directory_address_else_the_one_their_token_last_named_else_the_fallback_domain() throws Exception {
        String commander = person("commander");
        String responder = person("responder");
        String guest = person("guest");
        String reviewId = scheduledReview("Ledger exports late", commander, responder);
        String facilitator = Api.review(reviewId).getString("facilitator");

        // The commander makes a calendar feed, the responder gives a command on the review: their tokens name an address.
        as(commander, commander + "@mail.example.com").post("/calendar/feeds").then().statusCode(201);
        Api.command(as(responder, responder + "@mail.example.com", "responder"), reviewId, "POST", "/participants",
                Map.of("participant", guest)).then().statusCode(200);
        // The guest's tokens name no address review-service takes: not one, or one its issuer has not verified.
        as(guest, "not an address").post("/calendar/feeds").then().statusCode(201);
        given().auth().oauth2(Tokens.forUser(guest).claim("email", guest + "@mail.example.com")
                .claim("email_verified", false).sign()).post("/calendar/feeds").then().statusCode(201);
        // A command that fails teaches nothing.
        Api.command(as(guest, guest + "@mail.example.com"), reviewId, "POST", "/participants", Map.of("participant", "kim"))
                .then().statusCode(403);
        // The facilitator's token names a private address: the directory's comes first.
        as(facilitator, "private@example.org").post("/calendar/feeds").then().statusCode(201);

        VEvent event = meeting(feed(), reviewId);
        assertThat(text(event, Property.ORGANIZER)).isEqualTo("mailto:" + directoryAddressOf(facilitator));
        List<String> attendees = event.getProperties(Property.ATTENDEE).stream().map(a -> ((Attendee) a).getValue()).toList();
        assertThat(attendees).containsExactly("mailto:" + commander + "@mail.example.com",
                "mailto:" + responder + "@mail.example.com", "mailto:" + guest + "@users.invalid");
    }

    @Test
    void a_reopened_incident_makes_the_meeting_tentative_and_resolving_it_again_raises_the_sequence() throws Exception {
        Scenarios.Scheduled scheduled = Scenarios.scheduledReview("DNS lookups failing", "SEV2", clock.instant());
        String reviewId = scheduled.reviewId();
        Instant at = clock.instant();

        RealInfrastructure.produce(scheduled.incident().reopened("ivy", "it came back", at.plusSeconds(60)));
        await().atMost(Duration.ofSeconds(30)).until(() -> Api.review(reviewId).getString("status").equals("ON_HOLD"));
        assertThat(text(meeting(feed(), reviewId), Property.STATUS)).isEqualTo("TENTATIVE");

        RealInfrastructure.produce(scheduled.incident().resolved("ivy", at.plus(Duration.ofHours(3))));
        await().atMost(Duration.ofSeconds(30)).until(() -> Api.review(reviewId).getInt("sequence") == 1);
        VEvent rescheduled = meeting(feed(), reviewId);
        assertThat(text(rescheduled, Property.SEQUENCE)).isEqualTo("1");
        assertThat(text(rescheduled, Property.STATUS)).isEqualTo("CONFIRMED");
        assertThat(text(rescheduled, Property.UID)).isEqualTo(ReviewCalendar.uidOf(UUID.fromString(reviewId)));

        Api.command(asReviewer(), reviewId, "POST", "/cancel", Map.of("reason", "merged into the review of INC-1"))
                .then().statusCode(200);
        assertThat(text(meeting(feed(), reviewId), Property.STATUS)).isEqualTo("CANCELLED");
    }

    private String directoryAddressOf(String facilitator) {
        String address = directory.find(facilitator).orElseThrow().email();
        assertThat(address).as("the directory's address of " + facilitator).isNotNull();
        return address;
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

    /** A token of {@code user} whose {@code email} claim is {@code email}. */
    private static RequestSpecification as(String user, String email, String... roles) {
        return given().auth().oauth2(Tokens.forUser(user).roles(roles).teams("payments").claim("email", email).sign())
                .contentType(ContentType.JSON);
    }

    private static String person(String role) {
        return role + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Calendar feed() throws Exception {
        Response response = asReader().get("/reviews/calendar.ics");
        response.then().statusCode(200).contentType("text/calendar");
        String body = response.asString();
        assertThat(body).startsWith("BEGIN:VCALENDAR\r\n");
        return new CalendarBuilder().build(new StringReader(body));
    }

    private static VEvent meeting(Calendar calendar, String reviewId) {
        String uid = ReviewCalendar.uidOf(UUID.fromString(reviewId));
        List<VEvent> events = calendar.<VEvent>getComponents("VEVENT").stream()
                .filter(e -> uid.equals(text(e, Property.UID))).toList();
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static String text(VEvent event, String property) {
        return event.getProperty(property).orElseThrow().getValue();
    }

    private static Instant instant(Temporal temporal) {
        if (temporal instanceof Instant instant) {
            return instant;
        }
        if (temporal instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        if (temporal instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        throw new IllegalArgumentException("not an instant in UTC: " + temporal);
    }
}
