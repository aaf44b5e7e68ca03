-- Change events (deploys, configuration changes, feature flags): what changed, to which service, who said so and
-- when, from POST /v2/change/enqueue and the changes topic. Not a projection of this service's log: what the changes
-- consumer learned, written in its batch's transaction with its position. The id is derived from the record's
-- CloudEvent id (else its topic position), so a redelivered record is stored once.
create table change_event (
    id              uuid        primary key,
    service         text        not null,
    summary         text        not null,
    source          text,
    -- payload.timestamp, else when the change reached this service
    occurred_at     timestamptz not null,
    received_at     timestamptz not null,
    -- the integration that sent it (its name), or the record's ce_actor
    actor           text        not null,
    -- payload.custom_details and links, as the sender gave them (JSON)
    custom_details  text        not null,
    links           text        not null
);
-- GET /changes?service&from&to and an incident's changes ("these services, in this period"), newest first.
create index change_event_by_service on change_event (service, occurred_at desc, id desc);
-- GET /changes?from&to without a service.
create index change_event_by_time on change_event (occurred_at desc, id desc);

-- An integration may name the service its change events are about (when they do not name one themselves). A table
-- of its own, not a column of integration: on a new database this migration runs before V7 creates that table (V6
-- came later and runs out of order), so there is no foreign key either; rows are written with their integration.
create table integration_service (
    integration_id  uuid  primary key,
    service         text  not null
);
