package dev.incidentlifecycle.reviews.calendar.api;

import dev.incidentlifecycle.eventstore.StreamNotFound;
import dev.incidentlifecycle.reviews.calendar.feed.CalendarFeed;
import dev.incidentlifecycle.reviews.calendar.feed.CalendarFeeds;
import dev.incidentlifecycle.reviews.review.readmodel.ReviewQueries;
import dev.incidentlifecycle.web.CurrentUser;
import dev.incidentlifecycle.web.Page;
import dev.incidentlifecycle.web.PageRequest;
import dev.incidentlifecycle.web.QueryParameters;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;

/**
 * Personal calendar feeds: calendar apps cannot send a bearer token, so each person makes feeds whose URL holds a
 * secret. The secret opens that person's review meetings ({@code GET /calendar/feeds/{secret}.ics}, the one path
 * permitted without a token) and nothing else; it is no bearer token. At most {@value CalendarFeeds#MAX_PER_PERSON}
 * feeds per person.
 */
@Path("/calendar/feeds")
@Tag(name = "Calendar feeds", description = "Secret feed URLs of a person's review meetings, for calendar apps")
public class CalendarFeedsResource {

    private final CalendarFeeds feeds;
    private final ReviewQueries queries;
    private final MeetingsFeed meetings;
    private final CurrentUser user;
    private final Clock clock;

    CalendarFeedsResource(CalendarFeeds feeds, ReviewQueries queries, MeetingsFeed meetings, CurrentUser user,
                          Clock clock) {
        this.feeds = feeds;
        this.queries = queries;
        this.meetings = meetings;
        this.user = user;
        this.clock = clock;
    }

    @POST
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createCalendarFeed", summary = "Make a feed of your review meetings; the answer shows its URL, once",
            description = "The URL is absolute (under `reviews.public-base-url`) and holds the feed's secret: subscribe a "
                    + "calendar app to it, it needs no Authorization header. Only the secret's SHA-256 is kept, so it "
                    + "cannot be shown again. Your token's `email` claim, if any, becomes your address in the feeds "
                    + "(as on any command), unless the facilitator directory gives you one. "
                    + "At most " + CalendarFeeds.MAX_PER_PERSON + " feeds per person. No request body.")
    @APIResponse(responseCode = "201", description = "Created; `url` is shown in this answer only",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CalendarFeed.class)))
    @APIResponse(responseCode = "409", description = "You have " + CalendarFeeds.MAX_PER_PERSON + " feeds already")
    public Uni<Response> create() {
        return feeds.create(user.name(), clock.instant())
                // The URL holds the secret: no cache keeps it, and a repeated Idempotency-Key answers without it.
                .map(created -> Response.status(Response.Status.CREATED).header(HttpHeaders.CACHE_CONTROL, "no-store").entity(created).build());
    }

    @GET
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listCalendarFeeds", summary = "Your calendar feeds, oldest first, without their secrets")
    public Uni<Page<CalendarFeed>> list(@QueryParam("page") Integer page,
                                        @Parameter(description = "at most " + PageRequest.MAX_SIZE) @QueryParam("size") Integer size) {
        return feeds.list(user.name(), PageRequest.of(page, size));
    }

    @DELETE
    @Path("/{id}")
    @Authenticated
    @Operation(operationId = "revokeCalendarFeed", summary = "Revoke one of your calendar feeds: its URL stops working at once")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "You have no feed of that id")
    public Uni<Response> revoke(@PathParam("id") String id) {
        return feeds.revoke(user.name(), QueryParameters.uuid("id", id)).map(revoked -> Response.noContent().build());
    }

    @GET
    @Path("/{secret}.ics")
    @PermitAll
    @SecurityRequirements
    @Produces(CalendarResource.TEXT_CALENDAR)
    @Operation(operationId = "getCalendarFeed", summary = "A person's review meetings as an iCalendar feed, opened by the feed's secret",
            description = "No Authorization header: the secret in the path is the credential, for this path only. "
                    + "The meetings the feed's owner facilitates or takes part in, as `GET /reviews/calendar.ics` shows "
                    + "them. A revoked or unknown secret is a 404.")
    @APIResponse(responseCode = "200", description = "The feed",
            content = @Content(mediaType = CalendarResource.TEXT_CALENDAR, schema = @Schema(implementation = String.class)))
    @APIResponse(responseCode = "404", description = "No feed has this secret (revoked, or never made)")
    public Uni<Response> feed(@PathParam("secret") String secret) {
        return feeds.ownerOf(secret).flatMap(owner -> owner
                .map(person -> queries.meetingsOf(person).flatMap(meetings::respond))
                .orElseGet(() -> Uni.createFrom().failure(new StreamNotFound("no calendar feed has this URL"))));
    }
}
