-- Grouping that follows an outage: an incident keeps its grouping key (its service, plus the configured grouping
-- keys' values of the alert it was declared from) and when its latest alert was attached (the window slides from it).
alter table incident add column grouping_key text;
alter table incident add column last_alert_at timestamptz;
update incident set grouping_key = service;
update incident i set last_alert_at = (select max(a.received_at) from alert a where a.incident_id = i.id);
drop index incident_open_by_service;
-- The declaration policy's question, asked under a per-key lock: "the open incident of this grouping key".
create index incident_open_by_grouping_key on incident (grouping_key, declared_at desc) where status in ('INVESTIGATING', 'MITIGATED');

-- The rule that declared or grouped each alert (the alert's groupedBy), as words.
alter table alert add column grouped_by text;
