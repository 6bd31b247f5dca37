-- A replay under way with several nodes (ClusterReplays): the projection, and the node that runs it
-- while the others hold theirs stopped.
create table projection_replay (
    processor_name varchar(255) not null,
    requested_by varchar(255) not null,
    requested_at timestamp(6) with time zone not null,
    primary key (processor_name)
);
