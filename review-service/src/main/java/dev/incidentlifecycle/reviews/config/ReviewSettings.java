package dev.incidentlifecycle.reviews.config;

import dev.incidentlifecycle.reviews.policy.ReviewRequirement;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    /**
     * The facilitator rotation, in turn order: each one with the organisation's calendar unless the directory
     * describes them. Facilitators only in the directory follow, in the order of their ids.
     */
    Optional<List<String>> facilitators();

    /**
     * Facilitators with their own time zone, working hours, holidays and teams, by id (their username). An id with
     * a dot is quoted: {@code reviews.facilitator-directory."fac.amara".time-zone=Europe/Berlin}.
     */
    Map<String, DirectoryEntry> facilitatorDirectory();

    /**
     * The teams related to each service ({@code reviews.service-teams.payments=payments,checkout}): the rotation
     * offers an incident's review to facilitators of those teams first. A service not listed prefers nobody.
     */
    Map<String, List<String>> serviceTeams();

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

    /** One facilitator of the directory; what is left out is the organisation's ({@code reviews.calendar.*}). */
    interface DirectoryEntry {
        /** Defaults to the id. */
        Optional<String> displayName();

        /**
         * Their e-mail address (at most 254 characters, one {@code @}): the calendar invites them at it, ahead of any
         * address their token names.
         */
        Optional<String> email();

        /** An IANA zone ({@code America/New_York}); the organisation's zone when left out. */
        Optional<ZoneId> timeZone();

        /** Days of the week they work ({@code MONDAY,TUESDAY}); Monday to Friday when left out. */
        Optional<Set<DayOfWeek>> workingDays();

        /** Start of their working hours, local time in their zone; the organisation's opening when left out. */
        Optional<LocalTime> worksFrom();

        /** End of their working hours (exclusive), after {@code works-from}; the organisation's closing when left out. */
        Optional<LocalTime> worksUntil();

        /** Their own days off, local dates in their zone; the organisation's holidays apply as well. */
        Optional<List<LocalDate>> holidays();

        Optional<Set<String>> teams();
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

        /**
         * The last resort of the calendar's addresses: someone with no directory address whose token never named one
         * is {@code <username>@} this domain. The default is a reserved name that never delivers.
         */
        @WithDefault("users.invalid")
        String mailDomain();
    }
}
