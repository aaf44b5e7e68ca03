package dev.incidentlifecycle.reviews.calendar.api;

import dev.incidentlifecycle.reviews.calendar.AddressBook;
import dev.incidentlifecycle.reviews.calendar.ReviewCalendar;
import dev.incidentlifecycle.reviews.calendar.ReviewMeeting;
import dev.incidentlifecycle.reviews.config.PublicLinks;
import dev.incidentlifecycle.reviews.people.KnownPeople;
import dev.incidentlifecycle.reviews.review.readmodel.ReviewRow;
import dev.incidentlifecycle.reviews.schedule.FacilitatorDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.stream.Stream;

/**
 * The iCalendar answer of both feeds: the meetings of the rows, everyone addressed by the facilitator directory's
 * address for them, else the one their token last named, else a made-up one ({@link AddressBook}).
 */
@ApplicationScoped
class MeetingsFeed {

    private final ReviewCalendar calendar;
    private final PublicLinks links;
    private final FacilitatorDirectory directory;
    private final KnownPeople people;

    MeetingsFeed(ReviewCalendar calendar, PublicLinks links, FacilitatorDirectory directory, KnownPeople people) {
        this.calendar = calendar;
        this.links = links;
        this.directory = directory;
        this.people = people;
    }

    Uni<Response> respond(List<ReviewRow> rows) {
        List<ReviewMeeting> meetings = rows.stream().map(row -> CalendarResource.meeting(row, links)).toList();
        List<String> invited = meetings.stream()
                .flatMap(meeting -> Stream.concat(Stream.of(meeting.facilitator()), meeting.participants().stream()))
                .toList();
        return people.addressesOf(invited).map(learned -> Response.ok(
                        calendar.render(meetings, AddressBook.of(directory, learned)))
                .type(CalendarResource.TEXT_CALENDAR + "; charset=utf-8")
                .header("Content-Disposition", "inline; filename=\"reviews.ics\"")
                // The feed names people and their addresses: no shared cache keeps it.
                .header("Cache-Control", "private, no-store")
                .build());
    }
}
