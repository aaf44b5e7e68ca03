package dev.incidentlifecycle.reviews.policy;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which incidents get a review, and how many business days after resolution it is due. Configured
 * per severity; {@link #defaults()} is the documented default:
 * <pre>
 *   SEV1  REQUIRED   due 3 business days after resolution
 *   SEV2  REQUIRED   due 5 business days after resolution
 *   SEV3  SUGGESTED  due 10 business days after resolution (may be declined with a reason)
 *   SEV4  NONE       no review
 * </pre>
 * "Due" is the end of business hours, in the calendar's zone, on the Nth business day after the
 * local date of resolution (see {@link BusinessCalendar#dueAfter}).
 */
public record ReviewPolicy(Map<Severity, SeverityPolicy> bySeverity) {

    /**
     * The rule for one severity.
     *
     * @param businessDaysToDue ignored when the requirement is NONE
     */
    public record SeverityPolicy(ReviewRequirement requirement, int businessDaysToDue) {
        public SeverityPolicy {
            Objects.requireNonNull(requirement, "requirement");
            if (requirement.reviewNeeded() && businessDaysToDue < 1) {
                throw new IllegalArgumentException("a review is due at least 1 business day after resolution");
            }
            if (!requirement.reviewNeeded()) {
                businessDaysToDue = 0;
            }
        }

        public static SeverityPolicy required(int businessDaysToDue) {
            return new SeverityPolicy(ReviewRequirement.REQUIRED, businessDaysToDue);
        }

        public static SeverityPolicy suggested(int businessDaysToDue) {
            return new SeverityPolicy(ReviewRequirement.SUGGESTED, businessDaysToDue);
        }

        public static SeverityPolicy none() {
            return new SeverityPolicy(ReviewRequirement.NONE, 0);
        }
    }

    public ReviewPolicy {
        EnumMap<Severity, SeverityPolicy> copy = new EnumMap<>(Severity.class);
        copy.putAll(Objects.requireNonNull(bySeverity, "bySeverity"));
        for (Severity severity : Severity.values()) {
            if (copy.get(severity) == null) {
                throw new IllegalArgumentException("the review policy has no rule for " + severity);
            }
        }
        bySeverity = Map.copyOf(copy);
    }

    public static ReviewPolicy defaults() {
        return new ReviewPolicy(Map.of(
                Severity.SEV1, SeverityPolicy.required(3),
                Severity.SEV2, SeverityPolicy.required(5),
                Severity.SEV3, SeverityPolicy.suggested(10),
                Severity.SEV4, SeverityPolicy.none()));
    }

    /** A copy with one severity's rule replaced (for configuration). */
    public ReviewPolicy with(Severity severity, SeverityPolicy rule) {
        EnumMap<Severity, SeverityPolicy> copy = new EnumMap<>(bySeverity);
        copy.put(severity, rule);
        return new ReviewPolicy(copy);
    }

    public SeverityPolicy forSeverity(Severity severity) {
        return bySeverity.get(Objects.requireNonNull(severity, "severity"));
    }

    /** The terms of the review of an incident of this severity resolved at {@code resolvedAt}. */
    public ReviewTerms termsFor(Severity severity, Instant resolvedAt, BusinessCalendar calendar) {
        Objects.requireNonNull(resolvedAt, "resolvedAt");
        SeverityPolicy rule = forSeverity(severity);
        Instant dueAt = rule.requirement().reviewNeeded()
                ? calendar.dueAfter(resolvedAt, rule.businessDaysToDue())
                : null;
        return new ReviewTerms(severity, rule.requirement(), resolvedAt, dueAt);
    }
}
