-- What review-service knows of incidents, from incident-events: enough to schedule a review (severity,
-- resolution time, who was in it) and to show the incident's timeline in the review. Not rebuildable from
-- this service's event log: it is the consumer's own copy of another service's events (inbox-protected).
create table incident (
    id               uuid        primary key,
    incident_number  text,
    title            text,
    severity         text,
    service          text,
    status           text        not null,
    commander        text,
    -- Everyone else who held a role or joined the response, as a JSON array of identifiers, in joining order.
    responders       text        not null default '[]',
    impact           text,
    declared_at      timestamptz,
    detected_at      timestamptz,
    resolved_at      timestamptz,
    closed_at        timestamptz,
    -- The review of the incident (the latest, if one was cancelled and another scheduled).
    review_id        uuid,
    updated_at       timestamptz not null
);
create index incident_by_review on incident (review_id);

-- The incident's timeline: one entry per incident event, who did what and when. Reviews annotate entries by id.
create table incident_timeline (
    -- The CloudEvent id of the incident event: stable, so annotations keep pointing at the same entry.
    entry_id     text        primary key,
    incident_id  uuid        not null,
    event_type   text        not null,
    actor        text,
    occurred_at  timestamptz not null,
    summary      text        not null
);
create index incident_timeline_by_incident on incident_timeline (incident_id, occurred_at, entry_id);
