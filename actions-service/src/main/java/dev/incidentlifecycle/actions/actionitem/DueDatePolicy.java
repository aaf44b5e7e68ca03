package dev.incidentlifecycle.actions.actionitem;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Gives the due date of an action item the review gave none. The default is the SLA in
 * {@code dev.incidentlifecycle.actions.sla.DueDateSla}; it is an interface here so that the aggregate
 * does not depend on how the SLA is configured.
 */
@FunctionalInterface
public interface DueDatePolicy {

    /**
     * @param from when the clock starts: the time the review was published (or amended, for an item
     *             the amendment added)
     */
    LocalDate dueDate(ActionItemType type, Severity severity, Instant from);
}
