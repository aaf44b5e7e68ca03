package dev.incidentlifecycle.reviews.calendar.api;

import dev.incidentlifecycle.reviews.calendar.ReviewCalendar;
import dev.incidentlifecycle.reviews.config.PublicLinks;
import dev.incidentlifecycle.reviews.testing.Api;
import dev.incidentlifecycle.reviews.testing.Scenarios;
import dev.incidentlifecycle.reviews.testing.TestClock;
import dev.incidentlifecycle.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
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
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.incidentlifecycle.reviews.testing.Api.asReader;
import static dev.incidentlifecycle.reviews.testing.Api.asReviewer;
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
        assertThat(text(event, Property.ORGANIZER)).isEqualTo("mailto:" + review.getString("facilitator") + "@users.invalid");
        List<String> attendees = event.getProperties(Property.ATTENDEE).stream().map(a -> ((Attendee) a).getValue()).toList();
        assertThat(attendees).containsExactly("mailto:ivy@users.invalid", "mailto:jon@users.invalid");
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
