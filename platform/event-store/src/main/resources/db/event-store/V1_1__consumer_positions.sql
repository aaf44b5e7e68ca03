-- How far each consumer has handled each partition: the offset of the next record to handle. Written in the
-- same transaction as the batch's effects and compared-and-set (the position the batch started from must
-- still be the stored one), so a redelivered batch changes nothing and an instance that lost its partition
-- to another cannot commit a stale batch. Kafka's committed offsets follow it (for lag), never lead it.
create table consumer_position (
    consumer    text        not null,
    topic       text        not null,
    partition   integer     not null,
    next_offset bigint      not null,
    updated_at  timestamptz not null default now(),
    primary key (consumer, topic, partition)
);
