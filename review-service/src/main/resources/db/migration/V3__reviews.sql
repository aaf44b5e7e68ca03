-- The reviews read model: one row per review, written by the "reviews" projection in the transaction of every
-- append, and rebuildable from the event log (POST /admin/read-models/reviews/rebuild).
create table review (
    id                  uuid        primary key,
    incident_id         uuid        not null,
    incident_number     text        not null,
    title               text,
    service             text,
    severity            text        not null,
    requirement         text        not null,
    status              text        not null,
    due_at              timestamptz not null,
    -- True while review.overdue was emitted for the current due instant and the review is still open.
    overdue             boolean     not null,
    facilitator         text        not null,
    participants        text        not null,
    scheduled_start     timestamptz not null,
    scheduled_end       timestamptz not null,
    -- How often the meeting was rescheduled: the calendar's SEQUENCE.
    sequence            integer     not null,
    open_findings       integer     not null,
    -- The language findings (open and dismissed) as JSON, as the decider judges them.
    findings            text        not null,
    published_at        timestamptz,
    amendments          integer     not null,
    follow_up_completed boolean     not null,
    -- The review's folded state as JSON: the document, factors, action items, notes, outcome.
    state               text        not null,
    -- The stream version the row reflects: the review's ETag, and how the projection skips what it applied.
    version             bigint      not null,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    -- Insertion order (replays insert in log order too): the facilitator rotation's "who was picked last".
    scheduled_order     bigserial   not null
);
create index review_by_due on review (due_at, id);
create index review_by_incident on review (incident_id);
create index review_by_facilitator on review (facilitator, scheduled_start);
create index review_awaited_by_due on review (due_at) where status in ('SCHEDULED', 'IN_REVIEW') and not overdue;
