-- Two indexes no query reads: the relay and rebuilds read by (stream_type, transaction_id, global_position)
-- (event_log_by_type_and_transaction, V1_2), stream reads by the unique (stream_id, stream_version), and the relay's
-- position checks by the primary key. Every appended event paid for writing both; an alert storm appends thousands
-- a second.
drop index if exists event_log_by_transaction;
drop index if exists event_log_by_type;
