-- Action items created by hand (POST /action-items) next to those of review outcomes. Every item stays bound to a
-- review (review_id is never null, as on every action-item event); only a review's own items (origin REVIEW)
-- follow its amendments. Items recorded before this column existed all came from reviews.
alter table action_item add column origin text not null default 'REVIEW';

-- The reviews actions-service has heard of on review-events (review.scheduled, review.awaiting-facilitator;
-- severity from review.severity-changed; closed by review.cancelled or review.declined): what an item created by hand may reference, and whose severity sets its SLA. A copy built from
-- the topic, not from this service's event log.
create table known_review (
    review_id       uuid        primary key,
    incident_id     uuid        not null,
    incident_number text,
    severity        text        not null,
    service         text,
    -- cancelled or declined: still referenceable by id, but not picked for an incident when another review is open
    closed          boolean     not null,
    -- when the review first appeared on the topic: the incident's latest review is picked when only the incident is named
    first_seen_at   timestamptz not null,
    updated_at      timestamptz not null
);
create index known_review_by_incident on known_review (incident_id, first_seen_at desc);

-- Reviews whose outcome this service already holds are known from their items (their scheduling was read, and
-- skipped, before this table existed).
insert into known_review (review_id, incident_id, incident_number, severity, service, closed, first_seen_at, updated_at)
select distinct on (review_id) review_id, incident_id, incident_number, severity, service, false, created_at, updated_at
from action_item
order by review_id, created_at;
