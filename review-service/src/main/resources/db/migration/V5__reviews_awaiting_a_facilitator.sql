-- A review is created even when nobody can facilitate it (status NEEDS_FACILITATOR): it has no facilitator and no
-- meeting until one is assigned (POST /reviews/{id}/facilitator, event review.facilitator-assigned).
alter table review alter column facilitator drop not null;
alter table review alter column scheduled_start drop not null;
alter table review alter column scheduled_end drop not null;
-- The overdue sweep looks for open reviews past their due instant: a review waiting for a facilitator is one.
drop index review_awaited_by_due;
create index review_awaited_by_due on review (due_at)
    where status in ('NEEDS_FACILITATOR', 'SCHEDULED', 'IN_REVIEW') and not overdue;
