-- The incidents actions-service has heard of on incident-events (incident.declared; title and service from
-- incident.edited, severity from incident.severity-changed, status from incident.mitigated, .resolved, .reopened,
-- .closed and .merged): what an action item created by hand may reference when the incident has no review, and whose
-- severity then sets its SLA. A copy built from the topic, not from this service's event log (replayable with
-- POST /admin/topic-read-models/known-incidents/replay).
create table known_incident (
    incident_id     uuid        primary key,
    incident_number text        not null,
    title           text        not null,
    service         text,
    severity        text        not null,
    status          text        not null,
    -- when the last event that changed the row happened (the event's own time)
    updated_at      timestamptz not null
);

-- An item created by hand for an incident that has no review names no review (review_id is null on the row and on
-- its events); every other item still names its review.
alter table action_item alter column review_id drop not null;
