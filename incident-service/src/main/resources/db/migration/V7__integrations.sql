-- Integrations: each alert sender is named, and its keys are stored only as SHA-256 digests (a key is 32 random
-- bytes, so a digest cannot be guessed back). A rotated key keeps working until its expires_at (the overlap);
-- a revoked integration's keys stop at once.
create table integration (
    id          uuid        primary key,
    name        text        not null unique,
    description text,
    created_at  timestamptz not null,
    created_by  text        not null,
    revoked_at  timestamptz,
    revoked_by  text
);

create table integration_key (
    digest         bytea       primary key,
    integration_id uuid        not null references integration (id),
    prefix         text        not null,  -- the key's first characters, to tell keys apart in listings
    created_at     timestamptz not null,
    created_by     text        not null,
    expires_at     timestamptz
);
create index integration_key_integration on integration_key (integration_id);
