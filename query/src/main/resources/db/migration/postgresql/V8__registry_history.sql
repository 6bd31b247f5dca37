-- The registry over time (the history view, beside tag_history): each repository's rules and each
-- image, from when until when, so that a read at an instant finds what was open then instead of
-- folding the repository's events from the first.
create table repository_history (
    repository_name varchar(256) not null,
    valid_from timestamp(6) with time zone not null,
    valid_to timestamp(6) with time zone,
    created_at timestamp(6) with time zone not null,
    tag_mutability varchar(32) not null,
    exclusion_filters varchar(700) not null,
    tag_protection varchar(16) not null
);
create index repository_history_name on repository_history (repository_name, valid_from);
create table image_history (
    repository_name varchar(256) not null,
    digest varchar(71) not null,
    media_type varchar(128) not null,
    size_bytes bigint not null,
    pushed_at timestamp(6) with time zone not null,
    deleted_at timestamp(6) with time zone
);
create index image_history_digest on image_history (repository_name, digest);
create index image_history_pushed on image_history (repository_name, pushed_at);
-- The tags an image had at an instant.
create index tag_history_digest on tag_history (repository_name, digest);
-- A store that already holds events has the new tables empty: the view is rebuilt from the events
-- when the service starts, while the old tag histories keep answering.
insert into view_rebuild (view_name, node, state, position, head, started_at, updated_at)
    select 'history', '-', 'requested', 0, 0, current_timestamp, current_timestamp
    where exists (select 1 from domain_event_entry);
