-- One owner per repository at a time (several nodes on one database). Repository names hash into
-- 64 buckets; a node decides only for the buckets it holds a live lease on. The epoch grows with
-- each new owner of a bucket, and every batch of the ledger writer checks the epochs it was decided
-- under, holding the rows shared, so a node that lost a bucket can never append to it.
create table repository_bucket (
    bucket integer not null,
    owner varchar(255),
    owner_url varchar(1024),
    epoch bigint not null,
    expires_at timestamp(6) with time zone not null,
    primary key (bucket)
);
insert into repository_bucket (bucket, epoch, expires_at)
select bucket, 0, timestamp with time zone '1970-01-01 00:00:00+00' from generate_series(0, 63) as bucket;

-- The live nodes, each until its lease lapses: the buckets are shared out among them.
create table cluster_node (
    node_id varchar(255) not null,
    url varchar(1024) not null,
    seen_until timestamp(6) with time zone not null,
    primary key (node_id)
);
