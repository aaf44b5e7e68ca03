-- review.recurrence-found marks an earlier review's DONE items as recurred (action-item.recurred): the row says so
-- for the team summary's "done, recurred" count and keeps the recurrences (a JSON list, oldest first, at most 20 per
-- item) for the item's view. Items recorded before recurrences existed have none.
alter table action_item add column recurred boolean not null default false;
alter table action_item add column recurred_by text;

-- The team summary reads these columns only: still an index-only scan of the team's items.
drop index action_item_team_summary;
create index action_item_team_summary on action_item (owner_team) include (status, due_date, created_at, completed_at, recurred);
