package io.tagledger.api.ledger;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;

/**
 * What the ledger writer needs of each database: how it takes a global index, how a committed batch
 * reaches stable storage, and how batches of several nodes are kept apart from a rebuild.
 */
abstract sealed class StableStorage {

    private static final String INSERT = "insert into domain_event_entry (global_index, event_identifier, aggregate_identifier, "
            + "sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data) values (%s, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    static StableStorage of(DataSource dataSource) {
        return LedgerWriter.isPostgres(dataSource) ? new Postgres() : new H2();
    }

    abstract String insertEvent();

    /**
     * Reads the epoch of buckets (as many as given) in a batch's transaction, holding their rows until it
     * commits, so that no node takes one over meanwhile.
     */
    static String leaseEpochsQuery(int buckets, String lock) {
        return "select bucket, epoch from repository_bucket where bucket in (" + String.join(", ", Collections.nCopies(buckets, "?"))
                + ")" + lock;
    }

    abstract String leaseEpochs(int buckets);

    /** Run in every batch's transaction before it writes. */
    abstract void lockForBatch(JdbcTemplate jdbc);

    /** Run in an exclusive task's transaction before it writes: no batch of any node overlaps it. */
    abstract void lockExclusively(JdbcTemplate jdbc);

    /** Run after a commit, before anyone is answered: the commit is on stable storage once it returns. */
    abstract void sync(Connection connection) throws SQLException;

    /**
     * The embedded H2 file. H2 writes a commit to the file ({@code WRITE_DELAY=0}) but never forces it to
     * the disk; {@code CHECKPOINT SYNC} does ({@code FileChannel.force}). One node only, whose single
     * writer thread is all the exclusion there is.
     */
    static final class H2 extends StableStorage {

        @Override
        String insertEvent() {
            return INSERT.formatted("next value for domain_event_entry_seq");
        }

        /** One node holds every lease: nothing to lock. */
        @Override
        String leaseEpochs(int buckets) {
            return leaseEpochsQuery(buckets, "");
        }

        @Override
        void lockForBatch(JdbcTemplate jdbc) {
        }

        @Override
        void lockExclusively(JdbcTemplate jdbc) {
        }

        @Override
        void sync(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT SYNC");
            }
        }
    }

    /**
     * PostgreSQL, shared by several nodes. Its commit returns once the WAL is flushed, as long as
     * {@code synchronous_commit} is on: each batch sets it for itself, whatever the server's default.
     * Batches hold an advisory lock shared, a rebuild holds it exclusively.
     */
    static final class Postgres extends StableStorage {

        /** The advisory lock's key: "tagledger" in ASCII, as a number. */
        private static final long LEDGER_LOCK = 0x7461676c6564676eL;

        @Override
        String insertEvent() {
            return INSERT.formatted("nextval('domain_event_entry_seq')");
        }

        @Override
        String leaseEpochs(int buckets) {
            return leaseEpochsQuery(buckets, " for share");
        }

        @Override
        void lockForBatch(JdbcTemplate jdbc) {
            jdbc.execute("set local synchronous_commit = on");
            jdbc.queryForObject("select pg_advisory_xact_lock_shared(" + LEDGER_LOCK + ")::text", String.class);
        }

        @Override
        void lockExclusively(JdbcTemplate jdbc) {
            jdbc.execute("set local synchronous_commit = on");
            jdbc.queryForObject("select pg_advisory_xact_lock(" + LEDGER_LOCK + ")::text", String.class);
        }

        @Override
        void sync(Connection connection) {
        }
    }
}
