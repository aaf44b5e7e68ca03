-- Idempotency-Key (IETF httpapi draft): the first answer to each client's key, kept for replay. A row without a
-- status is a request still being handled (or abandoned by a crash: taken over after a while).
create table idempotency_key (
    owner        text        not null,  -- who sent it: the token's subject
    key          text        not null,
    fingerprint  bytea       not null,  -- SHA-256 of method, path and body: another body under the key is a 422
    status       integer,
    content_type text,
    location     text,
    etag         text,
    body         text,
    created_at   timestamptz not null default now(),
    primary key (owner, key)
);
create index idempotency_key_created_at on idempotency_key (created_at);
