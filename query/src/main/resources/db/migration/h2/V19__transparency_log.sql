-- The transparency log (c2sp.org/tlog-tiles): one RFC 6962 tree over every stored event, grown by the
-- ledger writer in the transaction that stores the events. Part of the ledger, not a view: never rebuilt.
-- Each leaf: the event it is the entry of, in the log's order.
create table log_leaf (
    leaf_index bigint not null primary key,
    event_identifier varchar(255) not null unique
);
-- Every complete subtree's hash, at every level (level 0: the leaves' hashes).
create table log_node (
    tree_level int not null,
    node_index bigint not null,
    node_hash binary(32) not null,
    primary key (tree_level, node_index)
);
-- The tree's size, in one row, which every batch locks: the log's order is the order of the batches.
-- Events stored before the log existed are appended once, in their global order, at the first start.
create table log_head (
    id int not null primary key,
    tree_size bigint not null,
    backfilled boolean not null
);
insert into log_head (id, tree_size, backfilled) values (1, 0, false);
-- The checkpoints signed, each the signed note as served.
create table log_checkpoint (
    tree_size bigint not null primary key,
    root_hash binary(32) not null,
    note varchar(4096) not null,
    signed_at timestamp with time zone not null
);
