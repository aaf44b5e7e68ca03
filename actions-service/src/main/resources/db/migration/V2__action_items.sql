-- The action item read model: one row per action item, written by the "action-items" projection in the
-- transaction of every append, and rebuildable from the event log (POST /admin/read-models/action-items/rebuild).
create table action_item (
    id                   uuid        primary key,
    review_id            uuid        not null,
    incident_id          uuid        not null,
    incident_number      text,
    severity             text        not null,
    service              text,
    title                text        not null,
    item_type            text        not null,
    owner_team           text        not null,
    owner                text,
    priority             text        not null,
    status               text        not null,
    due_date             date        not null,
    due_date_from_sla    boolean     not null,
    created_at           timestamptz not null,
    completed_at         timestamptz,
    closed_at            timestamptz,
    resolution_note      text,
    link                 text,
    justification        text,
    tracker_url          text,
    -- The due date for which action-item.overdue was emitted: the sweep skips items already told.
    overdue_notified_for date,
    removed              boolean     not null,
    -- The stream version the row reflects: the item's ETag, and how the projection skips what it applied.
    version              bigint      not null,
    updated_at           timestamptz not null
);

-- A team's list in its stable order (due date, then id), with or without a status filter: the page is read
-- from the index in order, no sort of the team's items.
create index action_item_by_team on action_item (owner_team, due_date, id);
create index action_item_by_team_and_status on action_item (owner_team, status, due_date, id);
-- The team summary reads only these columns: an index-only scan of the team's items.
create index action_item_team_summary on action_item (owner_team) include (status, due_date, created_at, completed_at);
-- Lists across teams, in the same order.
create index action_item_by_due_date on action_item (due_date, id);
-- Items still owed, by due date: the overdue filter and the overdue sweep.
create index action_item_owed_by_due_date on action_item (due_date, id) where status in ('OPEN', 'IN_PROGRESS');
-- An amendment looks up the items of its review; lists filter by review or incident.
create index action_item_by_review on action_item (review_id);
create index action_item_by_incident on action_item (incident_id);
