-- A repository name, the aggregate identifier, may be 256 characters long. Data directories created
-- before Axon's columns were widened kept 255 (Hibernate's schema update never widens a column), and
-- snapshots had 255 everywhere: a 256-character repository failed to be snapshotted.
alter table domain_event_entry alter column aggregate_identifier set data type varchar(256);
alter table snapshot_event_entry alter column aggregate_identifier set data type varchar(256);
