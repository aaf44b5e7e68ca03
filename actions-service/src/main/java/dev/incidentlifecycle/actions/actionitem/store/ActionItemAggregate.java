package dev.incidentlifecycle.actions.actionitem.store;

import dev.incidentlifecycle.actions.actionitem.ActionItem;
import dev.incidentlifecycle.actions.actionitem.ActionItemCommand;
import dev.incidentlifecycle.actions.actionitem.ActionItemDecider;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent;
import dev.incidentlifecycle.actions.sla.DueDateSla;
import dev.incidentlifecycle.eventstore.AggregateType;
import dev.incidentlifecycle.eventstore.EventCodec;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * The action item aggregate as the event store knows it: streams {@code action-item-<id>}, every event
 * under its public type name, decided with the configured SLA. It is a bean, not a constant, because the
 * decider needs the SLA terms from the configuration.
 */
@ApplicationScoped
public class ActionItemAggregate {

    /** The stream type: stream ids are {@code action-item-<id>}, published on {@code action-item-events}. */
    public static final String STREAM_TYPE = "action-item";

    /** Every event type of an action item, version 1 each. */
    public static final EventCodec<ActionItemEvent> CODEC = EventCodec.of(ActionItemEvent.class)
            .event("action-item.created", ActionItemEvent.Created.class)
            .event("action-item.started", ActionItemEvent.Started.class)
            .event("action-item.completed", ActionItemEvent.Completed.class)
            .event("action-item.wont-do", ActionItemEvent.ClosedAsWontDo.class)
            .event("action-item.reopened", ActionItemEvent.Reopened.class)
            .event("action-item.reassigned", ActionItemEvent.Reassigned.class)
            .event("action-item.due-date-changed", ActionItemEvent.DueDateChanged.class)
            .event("action-item.tracker-linked", ActionItemEvent.TrackerLinked.class)
            .event("action-item.amended", ActionItemEvent.Amended.class)
            .event("action-item.removed", ActionItemEvent.Removed.class)
            .event("action-item.overdue", ActionItemEvent.BecameOverdue.class)
            .event("action-item.recurred", ActionItemEvent.Recurred.class)
            .build();

    private final DueDateSla sla;
    private final AggregateType<ActionItemCommand, ActionItem, ActionItemEvent> type;

    ActionItemAggregate(SlaSettings settings) {
        this.sla = new DueDateSla(settings.terms());
        // No snapshots: an action item has a handful of events in its whole life.
        this.type = new AggregateType<>(STREAM_TYPE, new ActionItemDecider(sla), CODEC, ActionItem.class);
    }

    public AggregateType<ActionItemCommand, ActionItem, ActionItemEvent> type() {
        return type;
    }

    public DueDateSla sla() {
        return sla;
    }

    /** The aggregate id of an item: its UUID as text, also the Kafka key and CloudEvents subject. */
    public static String aggregateId(UUID actionItemId) {
        return actionItemId.toString();
    }
}
