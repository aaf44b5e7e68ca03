-- incident-service's read models. Both are projections of the event log, updated in the append's
-- transaction and rebuilt by replaying it (POST /admin/read-models/{incidents|alerts}/rebuild).

-- Human-friendly incident numbers (INC-<n>). A sequence is not transactional: a rolled-back declaration
-- leaves a gap, which is harmless (numbers are names, not counts).
create sequence incident_number start with 1;

-- One row per incident: columns to filter and sort on, and the whole folded state for the JSON view.
create table incident (
    id                      uuid        primary key,
    number                  text        not null unique,
    title                   text        not null,
    status                  text        not null,
    severity                text        not null,
    service                 text,
    commander               text,
    source                  text        not null,
    declared_at             timestamptz not null,
    detected_at             timestamptz not null,
    acknowledged_at         timestamptz,
    mitigated_at            timestamptz,
    resolved_at             timestamptz,
    closed_at               timestamptz,
    -- Response times from detection, in milliseconds (null while it has not happened), for the MTTx report.
    time_to_acknowledge_ms  bigint,
    time_to_mitigate_ms     bigint,
    time_to_resolve_ms      bigint,
    -- The incident's state (IncidentState as JSON) after the event at stream version "version".
    state                   text        not null,
    version                 bigint      not null
);
create index incident_by_declared on incident (declared_at desc, id desc);
-- The declaration policy's question, asked under a per-service lock: "the open incident of this service".
create index incident_open_by_service on incident (service, declared_at desc) where status in ('INVESTIGATING', 'MITIGATED');
create index incident_by_status on incident (status, declared_at desc);

-- One row per alert (a dedup key has a new alert after each resolution; the old rows stay as history).
create table alert (
    alert_id         uuid        primary key,
    dedup_key        text        not null,
    status           text        not null,
    severity         text        not null,
    summary          text        not null,
    source           text        not null,
    service          text,
    component        text,
    alert_group      text,
    alert_class      text,
    client           text,
    client_url       text,
    -- custom_details and links, as the sender gave them (JSON).
    details          text        not null,
    links            text        not null,
    occurrences      bigint      not null,
    incident_id      uuid,
    triggered_at     timestamptz not null,
    received_at      timestamptz not null,
    last_trigger_at  timestamptz not null,
    acknowledged_at  timestamptz,
    resolved_at      timestamptz,
    -- The version of the dedup key's stream (alert-<dedup key>) after the alert's latest event.
    version          bigint      not null
);
create index alert_by_incident on alert (incident_id, triggered_at) where incident_id is not null;
create index alert_by_dedup_key on alert (dedup_key, triggered_at desc);
create index alert_by_service on alert (service, triggered_at desc);
