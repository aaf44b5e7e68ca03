package dev.incidentlifecycle.actions.actionitem.readmodel;

import dev.incidentlifecycle.actions.actionitem.ActionItemOrigin;
import dev.incidentlifecycle.actions.actionitem.ActionItemStatus;
import dev.incidentlifecycle.actions.actionitem.ActionItemType;
import dev.incidentlifecycle.actions.actionitem.Priority;
import dev.incidentlifecycle.actions.actionitem.Severity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One action item as teams list and read it; written only by {@link ActionItemProjection}. */
@Entity
@Table(name = "action_item")
public class ActionItemRow {

    @Id
    public UUID id;
    @Column(name = "review_id")
    public UUID reviewId;
    @Column(name = "incident_id")
    public UUID incidentId;
    @Column(name = "incident_number")
    public String incidentNumber;
    @Enumerated(EnumType.STRING)
    @Column(name = "severity")
    public Severity severity;
    @Column(name = "service")
    public String service;
    @Column(name = "title")
    public String title;
    @Enumerated(EnumType.STRING)
    @Column(name = "item_type")
    public ActionItemType type;
    @Column(name = "owner_team")
    public String ownerTeam;
    @Column(name = "owner")
    public String owner;
    @Enumerated(EnumType.STRING)
    @Column(name = "priority")
    public Priority priority;
    @Enumerated(EnumType.STRING)
    @Column(name = "status")
    public ActionItemStatus status;
    @Column(name = "due_date")
    public LocalDate dueDate;
    @Column(name = "due_date_from_sla")
    public boolean dueDateFromSla;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "completed_at")
    public Instant completedAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    @Column(name = "resolution_note")
    public String resolutionNote;
    @Column(name = "link")
    public String link;
    @Column(name = "justification")
    public String justification;
    @Column(name = "tracker_url")
    public String trackerUrl;
    @Column(name = "overdue_notified_for")
    public LocalDate overdueNotifiedFor;
    @Column(name = "removed")
    public boolean removed;
    @Enumerated(EnumType.STRING)
    @Column(name = "origin")
    public ActionItemOrigin origin;
    /** True once a later review recurred it ({@code action-item.recurred}); kept through a reopening. */
    @Column(name = "recurred")
    public boolean recurred;
    /** The recurrences as JSON (a list of {@code RecurrenceView}, oldest first, at most 20); null when none. */
    @Column(name = "recurred_by")
    public String recurredBy;
    @Column(name = "version")
    public long version;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Still owed (OPEN or IN_PROGRESS) and {@code today} is after the due date. */
    public boolean overdueOn(LocalDate today) {
        return !status.isClosed() && dueDate != null && today.isAfter(dueDate);
    }
}
