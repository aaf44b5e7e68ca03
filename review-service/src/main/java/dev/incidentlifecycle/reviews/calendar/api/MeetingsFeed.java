package dev.incidentlifecycle.reviews.calendar.api;

import dev.incidentlifecycle.reviews.calendar.ReviewCalendar;
import dev.incidentlifecycle.reviews.calendar.ReviewMeeting;
import dev.incidentlifecycle.reviews.calendar.feed.CalendarFeeds;
import dev.incidentlifecycle.reviews.config.PublicLinks;
import dev.incidentlifecycle.reviews.review.readmodel.ReviewRow;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.stream.Stream;

/** The iCalendar answer of both feeds: the meetings of the rows, everyone addressed by their known e-mail address. */
@ApplicationScoped
class MeetingsFeed {

    private final ReviewCalendar calendar;
    private final PublicLinks links;
    private final CalendarFeeds feeds;

    MeetingsFeed(ReviewCalendar calendar, PublicLinks links, CalendarFeeds feeds) {
        this.calendar = calendar;
        this.links = links;
        this.feeds = feeds;
    }

    Uni<Response> respond(List<ReviewRow> rows) {
        List<ReviewMeeting> meetings = rows.stream().map(row -> CalendarResource.meeting(row, links)).toList();
        List<String> people = meetings.stream()
                .flatMap(meeting -> Stream.concat(Stream.of(meeting.facilitator()), meeting.participants().stream()))
                .toList();
        return feeds.addressesOf(people).map(addresses -> Response.ok(calendar.render(meetings, addresses))
                .type(CalendarResource.TEXT_CALENDAR + "; charset=utf-8")
                .header("Content-Disposition", "inline; filename=\"reviews.ics\"")
                // The feed names people and their addresses: no shared cache keeps it.
                .header("Cache-Control", "private, no-store")
                .build());
    }
}
