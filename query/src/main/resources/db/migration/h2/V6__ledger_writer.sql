-- The ledger writer keeps the views in the transaction that stores their events: the version rows
-- that read-your-writes waited on, the node heartbeats that shared the projections' segments, and the
-- replays coordinated across nodes have gone with the tracking processors.
drop table view_version;
drop table node_heartbeat;
drop table projection_replay;
