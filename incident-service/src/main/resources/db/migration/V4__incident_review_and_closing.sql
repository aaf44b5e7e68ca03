-- What review-service said about each incident's review (from review-events): the one review that counts for
-- closing. Not a projection of this service's own log: it is what the review-events consumer learned, written in
-- its batch's transaction with its position. Replaced by a newer review.scheduled (a review scheduled again after
-- a cancelled one); a status change is applied only for the review the row names.
create table incident_review (
    incident_id  uuid        primary key,
    review_id    uuid        not null,
    -- REQUIRED or SUGGESTED (review.scheduled's requirement)
    requirement  text        not null,
    -- OPEN, DECLINED, CANCELLED or FOLLOWED_UP
    status       text        not null,
    -- when review-service says it happened (the newest review.scheduled wins)
    occurred_at  timestamptz not null
);

-- The closing sweep's question: "resolved incidents, oldest resolution first".
create index incident_resolved on incident (resolved_at) where status = 'RESOLVED';
