-- The event store every service shares the shape of. Each service runs this in its own schema.

-- Every change of every aggregate, in the order it was recorded. Never updated, never deleted.
create table event_log (
    global_position bigserial   primary key,
    -- The writing transaction's id: the relay reads only below the oldest running transaction, so an
    -- event whose transaction commits after a later global_position is never skipped.
    transaction_id  xid8        not null default pg_current_xact_id(),
    event_id        uuid        not null unique,
    stream_type     text        not null,
    stream_id       text        not null,
    stream_version  bigint      not null,
    event_type      text        not null,
    event_version   integer     not null,
    payload         jsonb       not null,
    actor           text        not null,
    occurred_at     timestamptz not null,
    recorded_at     timestamptz not null,
    correlation_id  text,
    causation_id    text,
    -- W3C traceparent of the span that appended the event; the relay publishes it as the record's
    -- traceparent header, so one alert's path through every service is one trace.
    trace_parent    text,
    -- Optimistic concurrency: two appends at the same version cannot both commit.
    constraint event_log_stream_version unique (stream_id, stream_version)
);
create index event_log_by_transaction on event_log (transaction_id, global_position);
create index event_log_by_type on event_log (stream_type, global_position);

-- Folded state of long streams, so loading does not replay thousands of events.
create table snapshot (
    stream_id      text   primary key,
    stream_version bigint not null,
    state          jsonb  not null
);

-- Messages already handled, written in the same transaction as their effects: a redelivery changes nothing.
create table inbox (
    consumer    text        not null,
    message_id  text        not null,
    handled_at  timestamptz not null default now(),
    primary key (consumer, message_id)
);

-- How far the relay has published the log, per relay.
create table relay_checkpoint (
    relay           text        primary key,
    transaction_id  xid8        not null,
    global_position bigint      not null,
    updated_at      timestamptz not null default now()
);
