-- The relay reads only the stream types it publishes, in (transaction, position) order: one range scan per type.
create index event_log_by_type_and_transaction on event_log (stream_type, transaction_id, global_position);

-- Wakes the relay when events are committed (it LISTENs on "event_log:<schema>"). Once per inserting statement,
-- and PostgreSQL folds equal notifications of one transaction into one: a batched append costs one notification.
create function event_log_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('event_log:' || tg_table_schema, '');
    return null;
end
$$;
create trigger event_log_inserted after insert on event_log for each statement execute function event_log_notify();

-- Events the relay can never send (larger than the topic or the producer accept), with the reason. The relay goes
-- on after them; its health check reports them until an operator deletes the row (after sending the event by other
-- means, or deciding it need not be sent).
create table relay_set_aside (
    relay           text        not null,
    global_position bigint      not null,
    event_id        uuid        not null,
    reason          text        not null,
    set_aside_at    timestamptz not null default now(),
    primary key (relay, global_position)
);
