-- Webhook subscriptions: where to send which events, in which format. Managed through the admin API; not
-- event-sourced (configuration, not the incident record), but every state change is stamped.
create table webhook_subscription (
    id                uuid        primary key,
    target_url        text        not null,
    format            text        not null,   -- STANDARD_WEBHOOKS | SLACK
    -- JSON array of event type names, e.g. ["incident.declared","review.published"]
    event_types       text        not null,
    description       text,
    filter_service    text,
    filter_team       text,
    filter_severity   text,
    state             text        not null,   -- ACTIVE | DISABLED
    disabled_reason   text,
    disabled_at       timestamptz,
    -- The first failed attempt since the last success: the subscription is disabled when this is too long ago.
    failing_since     timestamptz,
    created_at        timestamptz not null,
    updated_at        timestamptz not null
);

-- Signing secrets (whsec_...). A rotated-out secret keeps signing until retires_at: both sign during the overlap.
create table webhook_secret (
    subscription_id uuid        not null references webhook_subscription (id) on delete cascade,
    secret          text        not null,
    created_at      timestamptz not null,
    retires_at      timestamptz,
    primary key (subscription_id, secret)
);

-- One message for one subscription: recorded by the consumer in the transaction of its consumed position,
-- sent (and retried) by the delivery worker. Its id is the webhook-id, derived from event and subscription.
create table delivery (
    id               uuid        primary key,
    subscription_id  uuid        not null references webhook_subscription (id) on delete cascade,
    event_id         text        not null,
    event_type       text        not null,
    body             text        not null,
    status           text        not null,   -- PENDING | DELIVERED | FAILED
    attempts         integer     not null,
    created_at       timestamptz not null,
    next_attempt_at  timestamptz,
    -- Retries stop this long after the first attempt (or after a manual redelivery).
    retry_until      timestamptz,
    last_attempt_at  timestamptz,
    last_status_code integer,
    last_error       text,
    delivered_at     timestamptz,
    constraint delivery_once_per_subscription unique (subscription_id, event_id)
);
create index delivery_due on delivery (next_attempt_at) where status = 'PENDING';
create index delivery_by_subscription on delivery (subscription_id, created_at desc, id);

-- What the consumer knows of each incident, review and action item, for filtering and wording events that do
-- not carry it themselves (incident.resolved has no service; only action items name a team).
create table event_subject (
    subject_id  text primary key,
    service     text,
    team        text,
    severity    text,
    number      text,
    title       text,
    incident_id text
);
