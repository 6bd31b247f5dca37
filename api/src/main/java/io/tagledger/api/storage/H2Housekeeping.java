package io.tagledger.api.storage;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.tagledger.api.settings.TagledgerProperties;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Keeps the embedded H2 file from growing without bound.
 *
 * <p>tagledger runs H2 with {@code WRITE_DELAY=0} so that a commit is written before its response goes
 * out. That setting also stops H2's background writer, and with it the housekeeping that moves the
 * few live pages out of mostly-dead chunks. Without it every commit leaves a chunk that can never be
 * freed: measured, about 100 KB of file per push, and the store's per-commit bookkeeping grows with
 * the number of chunks. This does that housekeeping on a schedule instead: it rewrites the live pages
 * of the sparsest chunks, so that those chunks die and H2 reuses their space once its retention time
 * has passed.
 *
 * <p>It works on H2's own store, reached through the JDBC connection; on any other database it does nothing.
 */
@Component
public class H2Housekeeping extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(H2Housekeeping.class);

    /** Compact while less than this share of the chunks' bytes is live; H2's own default. */
    static final int TARGET_FILL_RATE = 90;

    private final DataSource dataSource;
    private final int writeLimit;
    private volatile MVStore store;
    private volatile boolean notH2;

    H2Housekeeping(DataSource dataSource, TagledgerProperties properties) {
        super("h2-housekeeping", properties.storage().housekeepingInterval());
        this.dataSource = dataSource;
        this.writeLimit = (int) properties.storage().housekeepingWriteLimit().toBytes();
    }



    @Override
    protected void runOnce() {
        try {
            compact();
        } catch (RuntimeException e) {
            // A failed round leaves the file as it was; the next one tries again.
            log.warn("Storage housekeeping failed: {}", e.toString());
        }
    }

    /**
     * One round: rewrites up to the write limit of live pages out of the sparsest chunks, then forces the
     * file to disk. The ledger writer syncs each batch; commits of others (snapshots, this compaction)
     * are on disk within a round, well before H2's retention time lets their freed space be reused.
     */
    void compact() {
        MVStore mvStore = store();
        if (mvStore == null || mvStore.isClosed()) {
            return;
        }
        if (mvStore.compact(TARGET_FILL_RATE, writeLimit)) {
            // The rewritten pages are in memory until the next commit; when idle, there may be none for a while.
            mvStore.commit();
        }
        mvStore.sync();
    }

    /** H2's store, or null when the database is not an H2 file. */
    public MVStore store() {
        MVStore known = store;
        if (known != null && !known.isClosed()) {
            return known;
        }
        if (notH2) {
            return null;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isWrapperFor(JdbcConnection.class)
                    || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)
                    || !session.getDatabase().isPersistent()) {
                notH2 = true;
                log.info("The database is not an embedded H2 file; no storage housekeeping");
                return null;
            }
            store = session.getDatabase().getStore().getMvStore();
            return store;
        } catch (SQLException e) {
            log.warn("Storage housekeeping could not reach the database: {}", e.getMessage());
            return null;
        }
    }
}
