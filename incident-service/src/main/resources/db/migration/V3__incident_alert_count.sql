-- IncidentState keeps how many alerts are attached (alertCount) instead of every attached alert's id: the
-- cost of handling an alert no longer grows with its incident. States stored before are rewritten here.
update incident set state = (jsonb_set(cast(state as jsonb) - 'alertIds', '{alertCount}',
        to_jsonb(jsonb_array_length(coalesce(cast(state as jsonb) -> 'alertIds', '[]'::jsonb)))))::text
    where cast(state as jsonb) ? 'alertIds';
update snapshot set state = jsonb_set(state - 'alertIds', '{alertCount}',
        to_jsonb(jsonb_array_length(coalesce(state -> 'alertIds', '[]'::jsonb))))
    where stream_id like 'incident-%' and state ? 'alertIds';
