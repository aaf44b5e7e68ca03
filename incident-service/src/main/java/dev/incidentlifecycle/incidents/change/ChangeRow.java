package dev.incidentlifecycle.incidents.change;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One change as {@code change_event} holds it (see V6__changes.sql). */
@Entity
@Table(name = "change_event")
public class ChangeRow {

    @Id
    public UUID id;
    public String service;
    public String summary;
    public String source;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    @Column(name = "received_at")
    public Instant receivedAt;
    public String actor;
    /** {@code payload.custom_details} as JSON. */
    @Column(name = "custom_details")
    public String customDetails;
    /** {@code links} as JSON. */
    public String links;
}
