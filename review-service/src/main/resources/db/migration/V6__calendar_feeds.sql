-- Personal calendar feeds (POST /calendar/feeds): a calendar app reads its owner's review meetings with the secret in
-- the feed URL, since it cannot send a bearer token. Only the secret's SHA-256 digest is kept; a revoked feed's row
-- is deleted, so its URL stops working at once. Not a read model: nothing in the event log recreates it.
create table calendar_feed (
    id         uuid        primary key,
    owner      text        not null,
    digest     bytea       not null unique,
    -- The first characters of the secret, so that listings tell one feed from another.
    prefix     text        not null,
    created_at timestamptz not null
);
create index calendar_feed_by_owner on calendar_feed (owner, created_at, id);

-- The e-mail address a person's token named (its email claim) when they made a feed: the feeds address them with it
-- instead of a made-up one.
create table calendar_address (
    person     text        primary key,
    email      text        not null,
    learned_at timestamptz not null
);
