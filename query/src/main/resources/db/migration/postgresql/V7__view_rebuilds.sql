-- Rebuilds of the views, seen by every node: which node runs one, how far it has got and how it
-- ended. A rebuild writes fresh tables beside the live ones (named with _next) and then swaps them in,
-- so the views keep answering throughout.
create table view_rebuild (
    view_name varchar(64) not null,
    node varchar(255) not null,
    state varchar(16) not null,
    position bigint not null,
    head bigint not null,
    events_per_second double precision,
    started_at timestamp(6) with time zone not null,
    updated_at timestamp(6) with time zone not null,
    error varchar(1000),
    primary key (view_name)
);
