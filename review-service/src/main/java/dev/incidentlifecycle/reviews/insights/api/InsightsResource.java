package dev.incidentlifecycle.reviews.insights.api;

import dev.incidentlifecycle.eventsourcing.InvalidCommand;
import dev.incidentlifecycle.reviews.insights.Period;
import dev.incidentlifecycle.reviews.insights.ReviewInsights;
import dev.incidentlifecycle.reviews.insights.ReviewRecord;
import dev.incidentlifecycle.reviews.review.ReviewState;
import dev.incidentlifecycle.reviews.review.readmodel.ReadModelJson;
import dev.incidentlifecycle.reviews.review.readmodel.ReviewQueries;
import dev.incidentlifecycle.reviews.review.readmodel.ReviewRow;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/** What reviews over a period show: contributing factors by category, recurring factors, publication on time. */
@Path("/reviews/insights")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reviews")
public class InsightsResource {

    /** Insights look at most this far: a period is a quarter or a year, not all of history at once. */
    static final Duration LONGEST_PERIOD = Duration.ofDays(731);

    private final ReviewQueries queries;
    private final Clock clock;

    InsightsResource(ReviewQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @GET
    @Authenticated
    @Operation(operationId = "getReviewInsights", summary = "Insights across the reviews due in a period",
            description = "Contributing-factor categories of the published reviews, factors named in the reviews of "
                    + "two or more incidents, and the share published by their due date. Cancelled and declined "
                    + "reviews are left out.")
    public Uni<ReviewInsights> insights(
            @Parameter(description = "start (inclusive): RFC 3339 instant or date; default 90 days before `to`") @QueryParam("from") String from,
            @Parameter(description = "end (exclusive): RFC 3339 instant or date; default now") @QueryParam("to") String to) {
        Instant now = clock.instant();
        Instant end = to == null || to.isBlank() ? now : instant(to, "to");
        Instant start = from == null || from.isBlank() ? end.minus(Duration.ofDays(90)) : instant(from, "from");
        if (!end.isAfter(start)) {
            throw new InvalidCommand("to", "the period must end after it starts");
        }
        if (Duration.between(start, end).compareTo(LONGEST_PERIOD) > 0) {
            throw new InvalidCommand("from", "a period is at most two years long");
        }
        Period period = new Period(start, end);
        return queries.dueBetween(start, end)
                .map(rows -> ReviewInsights.over(period, now, rows.stream().map(InsightsResource::record).toList()));
    }

    static ReviewRecord record(ReviewRow row) {
        List<ReviewRecord.Factor> factors = List.of();
        if (row.publishedAt != null) {
            ReviewState state = ReadModelJson.read(row.state, ReviewState.class);
            factors = state.outcome().contributingFactors().stream()
                    .map(f -> new ReviewRecord.Factor(f.category(), f.description())).toList();
        }
        return new ReviewRecord(row.id, row.incidentId, row.dueAt, row.publishedAt, factors);
    }

    private static Instant instant(String value, String field) {
        try {
            return value.contains("T") ? OffsetDateTime.parse(value.strip()).toInstant()
                    : LocalDate.parse(value.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidCommand(field, field + " must be an RFC 3339 date-time or a date (YYYY-MM-DD)");
        }
    }
}
