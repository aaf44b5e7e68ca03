package dev.incidentlifecycle.reviews.testing;

import dev.incidentlifecycle.testing.RealInfrastructure;
import io.restassured.path.json.JsonPath;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** Reviews brought to a given step through the real topics and API, for tests that start from there. */
public final class Scenarios {

    private Scenarios() {
    }

    /** A review of an incident commanded by ivy with jon responding, scheduled from a resolution at {@code at}. */
    public record Scheduled(IncidentStory incident, String reviewId) {
        public JsonPath review() {
            return Api.review(reviewId);
        }
    }

    public static Scheduled scheduledReview(String title, String severity, Instant at) {
        IncidentStory incident = IncidentStory.about(title, "payments");
        Instant resolved = at.truncatedTo(ChronoUnit.SECONDS);
        RealInfrastructure.produce(
                incident.declared(severity, "ivy", "ivy", resolved.minusSeconds(3600)),
                incident.responderJoined("jon", resolved.minusSeconds(3000)),
                incident.resolved("ivy", resolved));
        return new Scheduled(incident, Api.awaitReviewOf(incident.id()).getString("id"));
    }

    /** A scheduled review, started, with a blameless summary: ready to publish. */
    public static Scheduled reviewInProgress(String title, Instant at) {
        Scheduled scheduled = scheduledReview(title, "SEV2", at);
        Api.command(Api.asReviewer(), scheduled.reviewId(), "POST", "/start", null).then().statusCode(200);
        Api.command(Api.asResponder(), scheduled.reviewId(), "PATCH", "/document", Map.of(
                        "summary", "A configuration change raised connection counts past the pool limit during peak load.",
                        "impact", "Card payments failed for 14 minutes."))
                .then().statusCode(200);
        return scheduled;
    }
}
