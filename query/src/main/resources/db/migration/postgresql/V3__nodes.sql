-- The nodes sharing the database, each with when it was last seen: projection segments are shared
-- among the live ones (SegmentBalancer). A single H2 node writes its own row and no other.
create table node_heartbeat (
    node_id varchar(255) not null,
    seen_at timestamp(6) with time zone not null,
    primary key (node_id)
);
