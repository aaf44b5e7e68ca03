package dev.incidentlifecycle.reviews.config;

import dev.incidentlifecycle.reviews.calendar.ReviewCalendar;
import dev.incidentlifecycle.reviews.languagecheck.LanguageCheck;
import dev.incidentlifecycle.reviews.people.EmailAddress;
import dev.incidentlifecycle.reviews.policy.BusinessCalendar;
import dev.incidentlifecycle.reviews.policy.ReviewPolicy;
import dev.incidentlifecycle.reviews.policy.Severity;
import dev.incidentlifecycle.reviews.schedule.Facilitator;
import dev.incidentlifecycle.reviews.schedule.FacilitatorDirectory;
import dev.incidentlifecycle.reviews.schedule.MeetingSlotFinder;
import dev.incidentlifecycle.reviews.schedule.ReviewPlanner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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
    ReviewPlanner planner(ReviewSettings settings, BusinessCalendar calendar, FacilitatorDirectory facilitators) {
        MeetingSlotFinder slots = new MeetingSlotFinder(calendar, settings.calendar().meetingLength(),
                MeetingSlotFinder.DEFAULT_STEP, MeetingSlotFinder.DEFAULT_HORIZON_BUSINESS_DAYS);
        return new ReviewPlanner(facilitators, slots);
    }

    /**
     * The rotation's facilitators: those of {@code reviews.facilitators} in its order, then the directory's others in
     * the order of their ids; each with the calendar the directory gives them, else the organisation's.
     */
    @Produces
    @Singleton
    FacilitatorDirectory facilitatorDirectory(ReviewSettings settings, BusinessCalendar organisation) {
        // Ids compare ignoring case, as the rotation compares people.
        Map<String, ReviewSettings.DirectoryEntry> described = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        described.putAll(settings.facilitatorDirectory());
        List<String> inTurnOrder = new ArrayList<>(settings.facilitators().orElse(List.of()).stream().map(String::strip).toList());
        Set<String> listed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        listed.addAll(inTurnOrder);
        described.keySet().stream().filter(id -> !listed.contains(id)).forEach(inTurnOrder::add);
        List<Facilitator> facilitators = new ArrayList<>();
        for (String id : inTurnOrder) {
            ReviewSettings.DirectoryEntry entry = described.get(id);
            facilitators.add(entry == null ? Facilitator.withOrganisationCalendar(id, organisation)
                    : facilitator(id, entry, organisation));
        }
        return new FacilitatorDirectory(facilitators, settings.serviceTeams());
    }

    private static Facilitator facilitator(String id, ReviewSettings.DirectoryEntry entry, BusinessCalendar organisation) {
        Set<LocalDate> holidays = new HashSet<>(organisation.holidays());
        holidays.addAll(entry.holidays().orElse(List.of()));
        try {
            BusinessCalendar hours = new BusinessCalendar(entry.timeZone().orElse(organisation.zone()), holidays,
                    entry.worksFrom().orElse(organisation.opens()), entry.worksUntil().orElse(organisation.closes()),
                    entry.workingDays().orElse(organisation.workingDays()));
            String email = entry.email().filter(text -> !text.isBlank())
                    .map(text -> new EmailAddress(text.strip()).value()).orElse(null);
            return new Facilitator(id, entry.displayName().orElse(null), email, hours,
                    entry.teams().orElse(Set.of()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("reviews.facilitator-directory.\"" + id + "\": " + e.getMessage(), e);
        }
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
