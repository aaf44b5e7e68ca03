package dev.incidentlifecycle.reviews.incident;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One entry of an incident's timeline: who did what and when, from one incident event. */
@Entity
@Table(name = "incident_timeline")
public class TimelineEntryRow {

    /** The incident event's CloudEvent id. */
    @Id
    @Column(name = "entry_id")
    public String entryId;
    @Column(name = "incident_id")
    public UUID incidentId;
    @Column(name = "event_type")
    public String type;
    @Column(name = "actor")
    public String actor;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    @Column(name = "summary")
    public String summary;
}
