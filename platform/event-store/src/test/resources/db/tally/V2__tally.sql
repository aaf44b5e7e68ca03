create table tally (
    id        text    primary key,
    total     bigint  not null,
    additions bigint  not null,
    closed    boolean not null,
    version   bigint  not null
);
