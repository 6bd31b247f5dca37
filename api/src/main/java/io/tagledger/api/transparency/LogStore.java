package io.tagledger.api.transparency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The transparency log's tree in the database: each leaf's event, and every complete subtree's hash. The
 * ledger writer grows it in the transaction that stores the events ({@link #append}), under the lock of
 * the log's one head row, so that the log's order is the order in which batches commit, on every node.
 */
@Component
public class LogStore {

    private static final Logger log = LoggerFactory.getLogger(LogStore.class);
    private static final int BACKFILL_CHUNK = 1000;
    private static final String ENTRY_COLUMNS = "select l.leaf_index, e.event_identifier, e.aggregate_identifier, e.sequence_number, "
            + "e.time_stamp, e.payload_type, e.payload_revision, e.payload, e.meta_data ";

    private final JdbcTemplate jdbc;
    /**
     * The right edge of the tree as this node last grew it in a committed transaction: used while the head
     * still has its size, read again from the stored subtrees otherwise (another node grew the tree).
     */
    private volatile Frontier frontier = new Frontier(0, Map.of());

    /** An event's leaf: the event, and the entry it commits to ({@link LogEntry}). */
    public record Leaf(String eventIdentifier, byte[] entry) {
    }

    /** The complete subtrees along the right edge of a tree of {@code size} leaves, by level. */
    private record Frontier(long size, Map<Integer, byte[]> byLevel) {
    }

    LogStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * Appends one leaf per event, in order, in the caller's transaction (one with synchronization, as the
     * ledger writer's are): locks the head, grows the tree and moves the head. The caller's thread must be
     * the only one appending on this node (the ledger writer).
     */
    public void append(List<Leaf> leaves) {
        if (leaves.isEmpty()) {
            return;
        }
        long size = lockedSize();
        Frontier edge = frontier.size() == size ? frontier : load(size);
        Map<Integer, byte[]> right = new HashMap<>(edge.byLevel());
        List<Object[]> leafRows = new ArrayList<>(leaves.size());
        List<Object[]> nodeRows = new ArrayList<>(leaves.size() * 2);
        long next = size;
        for (Leaf leaf : leaves) {
            List<MerkleTree.Node> nodes = MerkleTree.appended(next, MerkleTree.leafHash(leaf.entry()), (level, index) -> {
                byte[] hash = right.get(level);
                if (hash == null) {
                    throw new IllegalStateException("The log's right edge lacks level " + level + " at size " + size);
                }
                return hash;
            });
            leafRows.add(new Object[] {next, leaf.eventIdentifier()});
            for (MerkleTree.Node node : nodes) {
                nodeRows.add(new Object[] {node.level(), node.index(), node.hash()});
                right.put(node.level(), node.hash());
            }
            next++;
        }
        jdbc.batchUpdate("insert into log_leaf (leaf_index, event_identifier) values (?, ?)", leafRows);
        jdbc.batchUpdate("insert into log_node (tree_level, node_index, node_hash) values (?, ?, ?)", nodeRows);
        jdbc.update("update log_head set tree_size = ? where id = 1", next);
        Frontier grown = new Frontier(next, Map.copyOf(right));
        // Kept only once committed: a batch rolled back leaves the edge it started from.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                frontier = grown;
            }
        });
    }

    /** The head's size, its row locked until the transaction ends. */
    public long lockedSize() {
        return jdbc.queryForObject("select tree_size from log_head where id = 1 for update", Long.class);
    }

    /** The right edge of a tree of {@code size}: for each level, the last complete subtree there, if the tree has one. */
    private Frontier load(long size) {
        Map<Integer, byte[]> byLevel = new HashMap<>();
        for (int level = 0; (size >>> level) > 0; level++) {
            long index = (size >>> level) - 1;
            byLevel.put(level, hash(level, index));
        }
        return new Frontier(size, byLevel);
    }

    /** The tree's size now, as committed. */
    public long size() {
        return jdbc.queryForObject("select tree_size from log_head where id = 1", Long.class);
    }

    /** A complete subtree's hash, as stored. */
    public byte[] hash(int level, long index) {
        List<byte[]> found = jdbc.query("select node_hash from log_node where tree_level = ? and node_index = ?",
                (row, n) -> row.getBytes(1), level, index);
        if (found.isEmpty()) {
            throw new IllegalStateException("The log has no subtree " + index + " at level " + level);
        }
        return found.get(0);
    }

    /** The hashes of {@code count} complete subtrees at a level, from {@code first} on, in order. */
    public List<byte[]> hashes(int level, long first, int count) {
        return jdbc.query("select node_hash from log_node where tree_level = ? and node_index >= ? and node_index < ? order by node_index",
                (row, n) -> row.getBytes(1), level, first, first + count);
    }

    /**
     * The entries of leaves {@code [first, first + count)}, in order, each made again from its event's row. A
     * leaf whose event is no longer stored has no entry here: the bundle is what the store holds, and its
     * readers find it short.
     */
    public List<byte[]> entries(long first, int count) {
        List<byte[]> entries = new ArrayList<>(count);
        jdbc.query(ENTRY_COLUMNS + "from log_leaf l join domain_event_entry e on e.event_identifier = l.event_identifier "
                + "where l.leaf_index >= ? and l.leaf_index < ? order by l.leaf_index", row -> {
            entries.add(entry(row));
        }, first, first + count);
        if (entries.size() != count) {
            log.error("The log's leaves {} to {} have {} events in the event store, not {}: events the log committed to are missing",
                    first, first + count - 1, entries.size(), count);
        }
        return entries;
    }

    /** A leaf of the log and the entry it commits to. */
    public record Indexed(long index, byte[] entry) {
    }

    /**
     * The leaves, below {@code size}, of the events the audit trail files under a repository (its own
     * events, and the refusals and denials about it), in the log's order, with their entries made again from
     * the event store. The trail is only the index: what is answered is the log's.
     */
    public List<Indexed> entriesAbout(String repositoryName, long size) {
        return jdbc.query(ENTRY_COLUMNS + "from audit_trail a join domain_event_entry e on e.global_index = a.position "
                        + "join log_leaf l on l.event_identifier = e.event_identifier "
                        + "where a.repository_name = ? and l.leaf_index < ? order by l.leaf_index",
                (row, n) -> new Indexed(row.getLong(1), entry(row)), repositoryName, size);
    }

    /** The entry of a row read with {@link #ENTRY_COLUMNS}. */
    private static byte[] entry(ResultSet row) throws SQLException {
        return LogEntry.of(row.getString(2), row.getString(3), row.getLong(4), row.getString(5), row.getString(6), row.getString(7),
                row.getBytes(8), row.getBytes(9));
    }

    /**
     * Appends, in their global order, the events stored before the log existed, once: at the first start
     * of a store that has none of them in the log yet. In the caller's transaction.
     */
    public void backfill() {
        lockedSize();
        if (Boolean.TRUE.equals(jdbc.queryForObject("select backfilled from log_head where id = 1", Boolean.class))) {
            return;
        }
        List<Leaf> leaves;
        long after = -1;
        do {
            List<Long> positions = new ArrayList<>();
            leaves = jdbc.query("select e.global_index, e.event_identifier, e.aggregate_identifier, e.sequence_number, e.time_stamp, "
                    + "e.payload_type, e.payload_revision, e.payload, e.meta_data from domain_event_entry e where e.global_index > ? "
                    + "and not exists (select 1 from log_leaf l where l.event_identifier = e.event_identifier) "
                    + "order by e.global_index limit " + BACKFILL_CHUNK, (row, n) -> {
                positions.add(row.getLong(1));
                return new Leaf(row.getString(2), LogEntry.of(row.getString(2), row.getString(3), row.getLong(4), row.getString(5),
                        row.getString(6), row.getString(7), row.getBytes(8), row.getBytes(9)));
            }, after);
            append(leaves);
            after = positions.isEmpty() ? after : positions.get(positions.size() - 1);
        } while (leaves.size() == BACKFILL_CHUNK);
        jdbc.update("update log_head set backfilled = true where id = 1");
    }
}
