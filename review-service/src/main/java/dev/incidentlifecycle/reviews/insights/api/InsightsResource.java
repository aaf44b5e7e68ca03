package dev.incidentlifecycle.reviews.insights.api;

import dev.incidentlifecycle.eventsourcing.InvalidCommand;
import dev.incidentlifecycle.reviews.insights.Period;
import dev.incidentlifecycle.reviews.insights.ReviewInsights;
import dev.incidentlifecycle.reviews.insights.readmodel.InsightsQueries;
import dev.incidentlifecycle.reviews.review.api.TimeParameter;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** What reviews over a period show: contributing factors by category, recurring factors, publication on time. */
@Path("/reviews/insights")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reviews")
public class InsightsResource {

    /** Insights look at most this far (a quarter or a year, not all of history at once): PostgreSQL does the work. */
    public static final int LONGEST_PERIOD_DAYS = 366;
    /** The period when {@code from} is not given: this many days before {@code to}. */
    static final int DEFAULT_PERIOD_DAYS = 90;

    private final InsightsQueries queries;
    private final Clock clock;

    InsightsResource(InsightsQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @GET
    @Authenticated
    @Operation(operationId = "getReviewInsights", summary = "Insights across the reviews due in a period",
            description = "Contributing-factor categories of the published reviews, factors named in the reviews of "
                    + "two or more incidents (at most 100, the most recurring first; `recurringFactorsTotal` counts "
                    + "them all; each lists at most 100 incident ids, `incidents` counts them all), and the share "
                    + "published by their due date. Cancelled and declined reviews are left out. The period is at "
                    + "most " + LONGEST_PERIOD_DAYS + " days long (400 above it).")
    @APIResponse(responseCode = "200", description = "The insights of the period")
    @APIResponse(responseCode = "400", description = "A time that does not parse, a period that ends before it starts, "
            + "or one longer than " + LONGEST_PERIOD_DAYS + " days")
    public Uni<ReviewInsights> insights(
            @Parameter(description = "start (inclusive): RFC 3339 instant or date; default " + DEFAULT_PERIOD_DAYS
                    + " days before `to`", example = "2026-01-01") @QueryParam("from") String from,
            @Parameter(description = "end (exclusive): RFC 3339 instant or date; default now", example = "2026-04-01")
            @QueryParam("to") String to) {
        Instant now = clock.instant();
        Instant given = TimeParameter.instant(to, "to");
        Instant end = given == null ? now : given;
        Instant start = TimeParameter.instant(from, "from");
        if (start == null) {
            start = end.minus(Duration.ofDays(DEFAULT_PERIOD_DAYS));
        }
        if (!end.isAfter(start)) {
            throw new InvalidCommand("to", "the period must end after it starts");
        }
        if (Duration.between(start, end).compareTo(Duration.ofDays(LONGEST_PERIOD_DAYS)) > 0) {
            throw new InvalidCommand("from", "a period is at most " + LONGEST_PERIOD_DAYS + " days long");
        }
        return queries.over(new Period(start, end), now);
    }
}
