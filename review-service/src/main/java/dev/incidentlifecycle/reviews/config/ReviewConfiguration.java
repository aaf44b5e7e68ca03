package dev.incidentlifecycle.reviews.config;

import dev.incidentlifecycle.reviews.calendar.ReviewCalendar;
import dev.incidentlifecycle.reviews.languagecheck.LanguageCheck;
import dev.incidentlifecycle.reviews.policy.BusinessCalendar;
import dev.incidentlifecycle.reviews.policy.ReviewPolicy;
import dev.incidentlifecycle.reviews.policy.Severity;
import dev.incidentlifecycle.reviews.schedule.FacilitatorRotation;
import dev.incidentlifecycle.reviews.schedule.MeetingSlotFinder;
import dev.incidentlifecycle.reviews.schedule.ReviewPlanner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns {@link ReviewSettings} into the domain's policy, calendar, planner and language check, once. Singletons:
 * the domain types are immutable records and final classes, which need no (and allow no) client proxy.
 */
@ApplicationScoped
public class ReviewConfiguration {

    @Produces
    @Singleton
    ReviewPolicy policy(ReviewSettings settings) {
        ReviewSettings.Policy policy = settings.policy();
        return new ReviewPolicy(Map.of(
                Severity.SEV1, rule(policy.sev1()),
                Severity.SEV2, rule(policy.sev2()),
                Severity.SEV3, rule(policy.sev3()),
                Severity.SEV4, rule(policy.sev4())));
    }

    @Produces
    @Singleton
    BusinessCalendar businessCalendar(ReviewSettings settings) {
        ReviewSettings.Calendar calendar = settings.calendar();
        return BusinessCalendar.of(calendar.zone(), Set.copyOf(calendar.holidays().orElse(List.of())))
                .withHours(calendar.opens(), calendar.closes());
    }

    @Produces
    @Singleton
    ReviewPlanner planner(ReviewSettings settings, BusinessCalendar calendar) {
        MeetingSlotFinder slots = new MeetingSlotFinder(calendar, settings.calendar().meetingLength(),
                MeetingSlotFinder.DEFAULT_STEP, MeetingSlotFinder.DEFAULT_HORIZON_BUSINESS_DAYS);
        return new ReviewPlanner(new FacilitatorRotation(settings.facilitators()), slots);
    }

    @Produces
    @Singleton
    ReviewCalendar reviewCalendar(ReviewSettings settings) {
        return new ReviewCalendar(ReviewCalendar.DEFAULT_PRODUCT_ID, settings.calendar().mailDomain(),
                ReviewCalendar.DEFAULT_NAME);
    }

    /** The blameless language check with the default rules (see LanguageRules#defaults). */
    @Produces
    @Singleton
    LanguageCheck languageCheck() {
        return LanguageCheck.withDefaultRules();
    }

    private static ReviewPolicy.SeverityPolicy rule(ReviewSettings.Rule rule) {
        return new ReviewPolicy.SeverityPolicy(rule.requirement(), rule.businessDays());
    }
}
