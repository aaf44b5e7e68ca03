package dev.incidentlifecycle.reviews.config;

import dev.incidentlifecycle.reviews.policy.ReviewRequirement;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** The review policy, business calendar and facilitator rotation ({@code reviews.*}); defaults in application.properties. */
@ConfigMapping(prefix = "reviews")
public interface ReviewSettings {

    Policy policy();

    Calendar calendar();

    /**
     * Where people reach this service from outside ({@code https://reviews.example.com}): every link the service
     * hands out (the review's page in {@code review.published}, the calendar's event URLs) is absolute under it.
     */
    @WithDefault("http://127.0.0.1:8082")
    URI publicBaseUrl();

    /** The facilitator rotation, in turn order. */
    List<String> facilitators();

    /** How often overdue reviews are looked for, as the scheduler reads it ({@code 1m}, {@code 30s}; {@code off}). */
    @WithDefault("1m")
    String overdueSweep();

    /** The rule per severity. */
    interface Policy {
        Rule sev1();

        Rule sev2();

        Rule sev3();

        Rule sev4();

        /**
         * Business days to the due date of a review asked for by hand ({@code POST /reviews}) of an incident the
         * policy asks no review of, or not resolved yet; counted from its resolution, else from the request.
         */
        @WithDefault("5")
        int byHandBusinessDays();
    }

    /** Whether a severity gets a review and how many business days after resolution it is due. */
    interface Rule {
        ReviewRequirement requirement();

        @WithDefault("0")
        int businessDays();
    }

    interface Calendar {
        @WithDefault("UTC")
        ZoneId zone();

        /** Local dates that are not business days. */
        Optional<List<LocalDate>> holidays();

        @WithDefault("09:00")
        LocalTime opens();

        @WithDefault("17:00")
        LocalTime closes();

        @WithDefault("PT1H")
        Duration meetingLength();

        @WithDefault("users.invalid")
        String mailDomain();
    }
}
