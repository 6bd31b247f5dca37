-- A repository name, the aggregate identifier, may be 256 characters long; Axon's snapshots map it
-- to 255 (see the H2 migration of the same version).
alter table snapshot_event_entry alter column aggregate_identifier type varchar(256);
