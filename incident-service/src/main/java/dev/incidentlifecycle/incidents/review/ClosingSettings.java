package dev.incidentlifecycle.incidents.review;

import dev.incidentlifecycle.incidents.incident.IncidentSeverity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Set;

/** When incidents close without a review's follow-up ({@code incidents.closing.*}, see the README). */
@ConfigMapping(prefix = "incidents.closing")
public interface ClosingSettings {

    /** How long after its resolution an incident whose review was declined or cancelled, or that needs none, closes. */
    @WithDefault("PT0S")
    Duration delay();

    /**
     * The severities that get no review, so close once resolved: keep it in step with review-service's policy
     * ({@code reviews.policy.<sev>.requirement=NONE}; SEV4 by default). Empty: none closes that way.
     */
    @WithDefault("SEV4")
    Set<IncidentSeverity> withoutReview();

    /** How often {@link ClosingSweep} looks (read by its {@code @Scheduled}). */
    @WithDefault("5s")
    String sweepInterval();
}
