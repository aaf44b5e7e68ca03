package dev.incidentlifecycle.actions.actionitem.readmodel;

import dev.incidentlifecycle.actions.actionitem.ActionItemEvent;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Amended;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.BecameOverdue;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.ClosedAsWontDo;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Completed;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Created;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.DueDateChanged;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Reassigned;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Recurred;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Removed;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Reopened;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.Started;
import dev.incidentlifecycle.actions.actionitem.ActionItemEvent.TrackerLinked;
import dev.incidentlifecycle.actions.actionitem.ActionItemOrigin;
import dev.incidentlifecycle.actions.actionitem.ActionItemStatus;
import dev.incidentlifecycle.actions.actionitem.store.ActionItemAggregate;
import dev.incidentlifecycle.eventstore.AggregateType;
import dev.incidentlifecycle.eventstore.Projection;
import dev.incidentlifecycle.eventstore.RecordedEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;
import java.util.UUID;

/**
 * Keeps {@link ActionItemRow}s: the row is what the item's events say, field by field as the aggregate
 * folds them. Runs in the append's transaction; a row already at or past an event's stream version
 * skips it, so applying an event twice changes nothing.
 */
@ApplicationScoped
public class ActionItemProjection implements Projection<ActionItemEvent> {

    public static final String NAME = "action-items";

    private final ActionItemAggregate aggregate;

    ActionItemProjection(ActionItemAggregate aggregate) {
        this.aggregate = aggregate;
    }

    @Override
    public AggregateType<?, ?, ActionItemEvent> aggregate() {
        return aggregate.type();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<Void> apply(Mutiny.Session session, RecordedEvent<ActionItemEvent> recorded) {
        UUID id = UUID.fromString(recorded.envelope().aggregateId());
        return session.find(ActionItemRow.class, id).flatMap(found -> {
            if (found == null) {
                if (!(recorded.event() instanceof Created created)) {
                    throw new IllegalStateException("action item " + id + " has " + recorded.event().type()
                            + " at version " + recorded.streamVersion() + " but no row: rebuild the read model");
                }
                ActionItemRow row = new ActionItemRow();
                row.id = id;
                created(row, created);
                stamp(row, recorded);
                return session.persist(row);
            }
            if (recorded.streamVersion() <= found.version) {
                return Uni.createFrom().voidItem();
            }
            change(found, recorded.event());
            stamp(found, recorded);
            return Uni.createFrom().voidItem();
        });
    }

    @Override
    public List<String> tables() {
        return List.of("action_item");
    }

    private static void stamp(ActionItemRow row, RecordedEvent<ActionItemEvent> recorded) {
        row.version = recorded.streamVersion();
        row.updatedAt = recorded.metadata().recordedAt();
    }

    private static void created(ActionItemRow row, Created e) {
        row.reviewId = e.reviewId();
        row.incidentId = e.incidentId();
        row.incidentNumber = e.incidentNumber();
        row.severity = e.severity();
        row.service = e.service();
        row.title = e.title();
        row.type = e.itemType();
        row.ownerTeam = e.ownerTeam();
        row.owner = e.owner();
        row.priority = e.priority();
        row.status = ActionItemStatus.OPEN;
        row.dueDate = e.dueDate();
        row.dueDateFromSla = e.dueDateFromSla();
        row.createdAt = e.occurredAt();
        row.removed = false;
        row.recurred = false;
        row.origin = ActionItemOrigin.orReview(e.origin());
    }

    private static void change(ActionItemRow row, ActionItemEvent event) {
        if (event instanceof Started) {
            row.status = ActionItemStatus.IN_PROGRESS;
        } else if (event instanceof Completed e) {
            row.status = ActionItemStatus.DONE;
            row.completedAt = e.occurredAt();
            row.closedAt = e.occurredAt();
            row.resolutionNote = e.resolutionNote();
            row.link = e.link();
            row.justification = null;
        } else if (event instanceof ClosedAsWontDo e) {
            row.status = ActionItemStatus.WONT_DO;
            row.completedAt = null;
            row.closedAt = e.occurredAt();
            row.resolutionNote = null;
            row.link = null;
            row.justification = e.justification();
        } else if (event instanceof Reopened) {
            row.status = ActionItemStatus.OPEN;
            row.completedAt = null;
            row.closedAt = null;
            row.resolutionNote = null;
            row.link = null;
            row.justification = null;
        } else if (event instanceof Reassigned e) {
            row.ownerTeam = e.toTeam();
            row.owner = e.toOwner();
        } else if (event instanceof DueDateChanged e) {
            row.dueDate = e.to();
            row.dueDateFromSla = false;
            row.overdueNotifiedFor = null;
        } else if (event instanceof TrackerLinked e) {
            row.trackerUrl = e.url();
        } else if (event instanceof Amended e) {
            row.title = e.title();
            row.type = e.itemType();
            row.ownerTeam = e.ownerTeam();
            row.owner = e.owner();
            row.priority = e.priority();
            if (!java.util.Objects.equals(e.dueDate(), row.dueDate)) {
                row.overdueNotifiedFor = null;
            }
            row.dueDate = e.dueDate();
            row.dueDateFromSla = e.dueDateFromSla();
        } else if (event instanceof Removed e) {
            row.removed = true;
            if (!row.status.isClosed()) {
                row.status = e.status();
                row.closedAt = e.occurredAt();
                row.justification = e.reason();
            }
        } else if (event instanceof BecameOverdue e) {
            row.overdueNotifiedFor = e.dueDate();
        } else if (event instanceof Recurred e) {
            row.recurred = true;
            row.recurredBy = Recurrences.with(row.recurredBy, e);
        } else {
            throw new IllegalArgumentException("unknown event " + event.getClass().getName());
        }
    }
}
