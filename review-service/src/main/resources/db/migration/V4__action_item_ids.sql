-- Which review each action item id belongs to: an id, once proposed on a review, stays that review's (actions-service
-- keys the item by it). Written by the "action-item-ids" projection; review-service refuses a proposal of an id that
-- another review holds. Rebuildable from the event log like every read model.
create table review_action_item (
    action_item_id uuid primary key,
    review_id      uuid not null
);
