-- The contributing factors of each review's published outcome, one row per factor: insights count and group them in
-- PostgreSQL over a bounded period instead of reading every review's state into the service. Written by the "reviews"
-- projection together with the review row (the rows of a review are replaced when it is published or amended), so it
-- is rebuilt with it (POST /admin/read-models/reviews/rebuild).
create table review_factor (
    review_id   uuid not null,
    factor_id   uuid not null,
    incident_id uuid not null,
    category    text not null,
    description text not null,
    -- Lower case, trimmed, runs of whitespace collapsed to one space (ReviewInsights.normalise, computed by the
    -- service): what recurring factors are matched on.
    normalised  text not null,
    primary key (review_id, factor_id)
);
create index review_factor_by_normalised on review_factor (normalised, incident_id);

-- The free tags of those factors, one row per tag: insights group by category and tag, and a review's related reviews
-- are the earlier ones on the same service naming a factor of the same category and tag (GET /reviews/{id}/related).
create table review_factor_tag (
    review_id uuid not null,
    factor_id uuid not null,
    tag       text not null,
    primary key (review_id, factor_id, tag)
);
create index review_factor_tag_by_tag on review_factor_tag (tag, review_id);

-- Reviews published before this table existed: their outcome's factors, from the state the projection keeps. The
-- normalisation here folds case as the database does, which equals the service's for ASCII text; a rebuild of the
-- read model writes every row the service's way.
insert into review_factor (review_id, factor_id, incident_id, category, description, normalised)
select r.id, cast(f ->> 'factorId' as uuid), r.incident_id, f ->> 'category', f ->> 'description',
       lower(regexp_replace(btrim(f ->> 'description', E' \t\n\r\f\u000b'), E'[ \t\n\r\f\u000b]+', ' ', 'g'))
from review r
cross join lateral jsonb_array_elements(cast(r.state as jsonb) -> 'outcome' -> 'contributingFactors') f
where r.published_at is not null
  and jsonb_typeof(cast(r.state as jsonb) -> 'outcome' -> 'contributingFactors') = 'array'
  and f ->> 'factorId' is not null and f ->> 'category' is not null and f ->> 'description' is not null
on conflict do nothing;
-- (Factors published before this table existed have no tags: nothing to copy.)
