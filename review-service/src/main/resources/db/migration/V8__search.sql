-- Search (GET /search): PostgreSQL full-text search over reviews and this service's copies of incidents. Each kind's
-- searched text is in plain columns, and one immutable function per kind makes its weighted document; a GIN index on
-- that function's result serves `document @@ query`, and the queries call the very same function (SearchQueries). No
-- stored tsvector column: rebuilding the reviews read model copies the rows with `insert ... select *`, which a
-- generated column would refuse.

-- What incident-events tell of an incident beyond the declaration: its summary (incident.edited) and its notes
-- (incident.note-added), one after the other, the first 50,000 characters only (IncidentEvents.NOTES_SEARCHED).
alter table incident add column summary text;
alter table incident add column notes text not null default '';
update incident i
set notes = left(n.notes, 50000)
from (select incident_id,
             string_agg(substring(summary from position(' noted: ' in summary) + 8), E'\n' order by occurred_at, entry_id) as notes
      from incident_timeline
      where event_type = 'incident.note-added' and position(' noted: ' in summary) > 0
      group by incident_id) n
where n.incident_id = i.id;

-- Title first (A), then summary and service (B), then notes (C).
create function incident_search_document(title text, summary text, service text, notes text) returns tsvector
    language sql immutable parallel safe as $$
select setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B')
    || setweight(to_tsvector('simple'::regconfig, coalesce(service, '')), 'B')
    || setweight(to_tsvector('english'::regconfig, coalesce(notes, '')), 'C')
$$;
create index incident_search on incident using gin (incident_search_document(title, summary, service, notes));

-- A review's document as the reviews projection last wrote it (the working document, what GET /reviews/{id} shows):
-- the summary; the contributing factors' descriptions; the action items' titles; impact, what went well, where we
-- got lucky and open questions. Each is bounded by ReviewLimits.
alter table review add column summary text not null default '';
alter table review add column factor_text text not null default '';
alter table review add column action_item_text text not null default '';
alter table review add column other_text text not null default '';
update review r
set summary = coalesce(d.document -> 'sections' ->> 'SUMMARY', ''),
    other_text = concat_ws(E'\n', d.document -> 'sections' ->> 'IMPACT', d.document -> 'sections' ->> 'WHAT_WENT_WELL',
                           d.document -> 'sections' ->> 'WHERE_WE_GOT_LUCKY', d.document -> 'sections' ->> 'OPEN_QUESTIONS'),
    factor_text = coalesce((select string_agg(f.value ->> 'description', E'\n')
                            from jsonb_each(case jsonb_typeof(d.document -> 'contributingFactors') when 'object'
                                            then d.document -> 'contributingFactors' else '{}'::jsonb end) f), ''),
    action_item_text = coalesce((select string_agg(a.value ->> 'title', E'\n')
                                 from jsonb_each(case jsonb_typeof(d.document -> 'actionItems') when 'object'
                                                 then d.document -> 'actionItems' else '{}'::jsonb end) a), '')
from (select id, cast(state as jsonb) -> 'document' as document from review) d
where d.id = r.id;

-- Summary first (A), then factors and action items (B), then the other sections (C).
create function review_search_document(summary text, factor_text text, action_item_text text, other_text text)
    returns tsvector language sql immutable parallel safe as $$
select setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, coalesce(factor_text, '')), 'B')
    || setweight(to_tsvector('english'::regconfig, coalesce(action_item_text, '')), 'B')
    || setweight(to_tsvector('english'::regconfig, coalesce(other_text, '')), 'C')
$$;
create index review_search on review using gin (review_search_document(summary, factor_text, action_item_text, other_text));
-- Reviews are found by period through their incident's declaration.
create index incident_by_declaration on incident (declared_at, id);
