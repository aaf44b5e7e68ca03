package dev.incidentlifecycle.reviews.calendar.api;

import dev.incidentlifecycle.reviews.calendar.MeetingStatus;
import dev.incidentlifecycle.reviews.calendar.ReviewMeeting;
import dev.incidentlifecycle.reviews.config.PublicLinks;
import dev.incidentlifecycle.reviews.review.ReviewStatus;
import dev.incidentlifecycle.reviews.review.readmodel.ReadModelJson;
import dev.incidentlifecycle.reviews.review.readmodel.ReviewQueries;
import dev.incidentlifecycle.reviews.review.readmodel.ReviewRow;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


/** The review meetings as an RFC 5545 feed calendar apps subscribe to. */
@Path("/reviews/calendar.ics")
@Tag(name = "Reviews")
public class CalendarResource {

    static final String TEXT_CALENDAR = "text/calendar";

    private final ReviewQueries queries;
    private final MeetingsFeed meetings;

    CalendarResource(ReviewQueries queries, MeetingsFeed meetings) {
        this.queries = queries;
        this.meetings = meetings;
    }

    @GET
    @Authenticated
    @Produces(TEXT_CALENDAR)
    @Operation(operationId = "getReviewCalendar", summary = "Review meetings as an iCalendar feed",
            description = "One VEVENT per review with a stable UID; SEQUENCE rises on every reschedule; cancelled and "
                    + "declined reviews are STATUS:CANCELLED, reviews on hold TENTATIVE. Times in UTC. People are addressed by "
                    + "the facilitator directory's e-mail address for them, else the one their token's `email` claim "
                    + "named when they last gave a command (made a calendar feed, changed a review), else "
                    + "`<username>@` the configured mail domain (`users.invalid`). Calendar apps, "
                    + "which cannot send a bearer token, subscribe to a personal feed instead (`POST /calendar/feeds`).")
    public Uni<Response> feed(@Parameter(description = "only this facilitator's meetings") @QueryParam("facilitator") String facilitator) {
        String only = facilitator == null || facilitator.isBlank() ? null : facilitator.strip();
        return queries.meetings(only).flatMap(meetings::respond);
    }

    /** The meeting of a review; its URL is the review's absolute link, so a calendar app can open it. */
    static ReviewMeeting meeting(ReviewRow row, PublicLinks links) {
        return new ReviewMeeting(row.id, row.incidentNumber, row.title, row.severity == null ? null : row.severity.name(),
                row.service, row.facilitator, ReadModelJson.read(row.participants, ReadModelJson.PEOPLE),
                row.scheduledStart, row.scheduledEnd, row.sequence, status(row.status), row.updatedAt,
                links.review(row.id));
    }

    static MeetingStatus status(ReviewStatus status) {
        return switch (status) {
            case ON_HOLD -> MeetingStatus.TENTATIVE;
            case CANCELLED, DECLINED -> MeetingStatus.CANCELLED;
            default -> MeetingStatus.CONFIRMED;
        };
    }
}
