package dev.incidentlifecycle.actions.sla;

import dev.incidentlifecycle.actions.actionitem.ActionItemType;
import dev.incidentlifecycle.actions.actionitem.DueDatePolicy;
import dev.incidentlifecycle.actions.actionitem.Severity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The due date an action item gets when its review gives none: the publication date (in the terms'
 * zone) plus the days of {@link SlaTerms}. A date the review gives always wins over it; the
 * {@code ActionItemDecider} only asks the SLA when there is none.
 */
public final class DueDateSla implements DueDatePolicy {

    private final SlaTerms terms;

    public DueDateSla(SlaTerms terms) {
        this.terms = Objects.requireNonNull(terms, "terms");
    }

    /** The SLA with the documented default terms. */
    public static DueDateSla withDefaults() {
        return new DueDateSla(SlaTerms.defaults());
    }

    public SlaTerms terms() {
        return terms;
    }

    @Override
    public LocalDate dueDate(ActionItemType type, Severity severity, Instant from) {
        return LocalDate.ofInstant(from, terms.zone()).plusDays(terms.daysFor(type, severity));
    }
}
