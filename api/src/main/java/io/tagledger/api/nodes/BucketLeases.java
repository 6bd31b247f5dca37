package io.tagledger.api.nodes;

import io.tagledger.api.ledger.Fence;
import org.axonframework.common.caching.Cache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * One owner per repository among several nodes on one PostgreSQL database, with leases on the 64
 * buckets of repository names ({@code repository_bucket}), kept on a connection of their own so that
 * a busy pool never delays a renewal.
 *
 * <p>Every third of a lease, in one transaction, a node says it is alive ({@code cluster_node}), renews
 * its buckets, and evens the buckets out: it takes expired or free ones up to its share of the live
 * nodes, or frees those above it. Taking a bucket over raises its epoch.
 *
 * <p><b>No two owners, ever.</b> A node decides for a bucket only until its last renewal was sent plus
 * the lease: renewals set the row's expiry from the database's clock when they arrive, which is later,
 * and another node takes a bucket only after that expiry. So a node cut off stops deciding before
 * anyone else starts. A write decided in time may still reach the database later: the ledger writer
 * stores it only if the bucket's epoch is still the one it was decided under ({@link Fence}), and a
 * node that takes a bucket over loads its repositories afresh.
 */
public final class BucketLeases implements Ownership, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BucketLeases.class);

    private final Supplier<Connection> connect;
    private final String nodeId;
    private final Supplier<String> url;
    private final long leaseMillis;
    private final Cache aggregates;
    /** The lease this node holds on each bucket, or null. */
    private final AtomicReferenceArray<Lease> held = new AtomicReferenceArray<>(BUCKETS);
    /** Each bucket's owner's URL, as last read; this node's own buckets included. */
    private volatile String[] owners = new String[BUCKETS];
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bucket-leases");
        thread.setDaemon(true);
        return thread;
    });
    private Connection connection;
    private volatile boolean running;
    private volatile long lastRefresh;

    /** A bucket held: its epoch, and until when (System.nanoTime) this node may decide for it. */
    private record Lease(int bucket, long epoch, long validUntil) {

        boolean valid(long now) {
            return now - validUntil < 0;
        }
    }

    /** The fence of a decision: it holds while this node's lease on the bucket is valid and of the same epoch. */
    private record Held(BucketLeases leases, int bucket, long epoch) implements Fence {

        @Override
        public boolean holds() {
            Lease lease = leases.held.get(bucket);
            return lease != null && lease.epoch() == epoch && lease.valid(System.nanoTime());
        }
    }

    /**
     * @param connect    opens the connection the leases are kept on
     * @param url        where other nodes reach this one, known once the web server listens
     * @param aggregates the repositories in memory: dropped when a bucket is taken over, since another node may
     *                   have changed them since
     */
    public BucketLeases(Supplier<Connection> connect, String nodeId, Supplier<String> url, Duration lease, Cache aggregates) {
        this.connect = connect;
        this.nodeId = nodeId;
        this.url = url;
        this.leaseMillis = lease.toMillis();
        this.aggregates = aggregates;
    }

    @Override
    public Route route(String repository) {
        int bucket = Ownership.bucketOf(repository);
        Lease lease = held.get(bucket);
        if (lease != null && lease.valid(System.nanoTime())) {
            return new Route.Here(new Held(this, bucket, lease.epoch()));
        }
        String owner = owners[bucket];
        return owner == null || owner.equals(url.get()) ? new Route.Nobody() : new Route.There(owner);
    }

    /** Reads the owners again, at most every 50 ms, on the caller's thread. */
    @Override
    public void refresh() {
        long now = System.nanoTime();
        if (now - lastRefresh < TimeUnit.MILLISECONDS.toNanos(50)) {
            return;
        }
        lastRefresh = now;
        if (running) {
            try {
                ticks.submit(this::readOwnersOnly);
            } catch (RejectedExecutionException stopping) {
                // Stopping: the owners no longer matter here.
            }
        }
    }

    /** How many buckets this node holds a valid lease on. */
    public int held() {
        long now = System.nanoTime();
        int count = 0;
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            Lease lease = held.get(bucket);
            count += lease != null && lease.valid(now) ? 1 : 0;
        }
        return count;
    }

    private void tick() {
        long sent = System.nanoTime();
        try {
            Connection db = connection();
            List<Lease> renewed = new ArrayList<>();
            List<Lease> taken = new ArrayList<>();
            try {
                renewAndBalance(db, sent, renewed, taken);
                db.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(db);
                throw e;
            }
            // Only a committed renewal extends what this node may decide.
            renewed.forEach(lease -> held.set(lease.bucket(), lease));
            if (!taken.isEmpty()) {
                // Another node may have changed these repositories while it held them.
                aggregates.removeAll();
                taken.forEach(lease -> held.set(lease.bucket(), lease));
                log.info("Took over {} buckets of repositories; holding {}", taken.size(), held());
            }
        } catch (SQLException | RuntimeException e) {
            // The leases lapse by themselves: nothing to undo but the connection.
            log.warn("Could not renew this node's leases ({}); they lapse unless renewed in time", e.toString());
            closeConnection();
        }
    }

    /**
     * Fills in the leases renewed and the buckets taken over, to be held once the transaction has
     * committed; stops deciding at once for buckets lost or freed.
     */
    private void renewAndBalance(Connection db, long sent, List<Lease> renewedLeases, List<Lease> taken) throws SQLException {
        String me = url.get();
        execute(db, "insert into cluster_node (node_id, url, seen_until) values (?, ?, clock_timestamp() + ? * interval '1 millisecond') "
                + "on conflict (node_id) do update set url = excluded.url, seen_until = excluded.seen_until", nodeId, me, leaseMillis);
        Map<Integer, Long> renewed = new HashMap<>();
        query(db, "update repository_bucket set expires_at = clock_timestamp() + ? * interval '1 millisecond' where owner = ? "
                + "returning bucket, epoch", row -> renewed.put(row.getInt(1), row.getLong(2)), leaseMillis, nodeId);
        long validUntil = sent + TimeUnit.MILLISECONDS.toNanos(leaseMillis);
        List<Integer> lost = new ArrayList<>();
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            Lease lease = held.get(bucket);
            Long epoch = renewed.get(bucket);
            if (epoch == null) {
                if (lease != null) {
                    held.set(bucket, null);
                    lost.add(bucket);
                }
            } else if (lease != null && lease.epoch() == epoch) {
                renewedLeases.add(new Lease(bucket, epoch, validUntil));
            } else {
                // Still this node's in the database, though it had let it go: held again, afresh.
                taken.add(new Lease(bucket, epoch, validUntil));
            }
        }
        if (!lost.isEmpty()) {
            log.warn("Lost buckets {} of repositories to other nodes: this node's leases lapsed", lost);
        }
        int[] live = new int[1];
        query(db, "select count(*) from cluster_node where seen_until > clock_timestamp()", row -> live[0] = row.getInt(1));
        int share = (BUCKETS + Math.max(live[0], 1) - 1) / Math.max(live[0], 1);
        int holding = renewed.size();
        if (holding < share) {
            query(db, "update repository_bucket set owner = ?, owner_url = ?, epoch = epoch + 1, "
                            + "expires_at = clock_timestamp() + ? * interval '1 millisecond' where bucket in (select bucket from repository_bucket "
                            + "where owner is null or expires_at < clock_timestamp() order by bucket limit ? for update skip locked) "
                            + "returning bucket, epoch",
                    row -> taken.add(new Lease(row.getInt(1), row.getLong(2), validUntil)), nodeId, me, leaseMillis, share - holding);
        } else if (holding > share) {
            List<Integer> freed = new ArrayList<>();
            for (int bucket = BUCKETS - 1; bucket >= 0 && freed.size() < holding - share; bucket--) {
                if (renewed.containsKey(bucket)) {
                    freed.add(bucket);
                    // This node stops deciding before the bucket is free; what it decided is fenced by the epoch.
                    held.set(bucket, null);
                    renewedLeases.removeIf(lease -> lease.bucket() == freed.get(freed.size() - 1));
                    taken.removeIf(lease -> lease.bucket() == freed.get(freed.size() - 1));
                }
            }
            for (int bucket : freed) {
                execute(db, "update repository_bucket set owner = null, owner_url = null, expires_at = clock_timestamp() "
                        + "where bucket = ? and owner = ?", bucket, nodeId);
            }
            log.info("Freed {} buckets of repositories for the {} live nodes", freed.size(), live[0]);
        }
        readOwners(db);
    }

    private void readOwners(Connection db) throws SQLException {
        String[] read = new String[BUCKETS];
        query(db, "select bucket, owner_url from repository_bucket where owner is not null and expires_at > clock_timestamp()",
                row -> read[row.getInt(1)] = row.getString(2));
        owners = read;
    }

    private void readOwnersOnly() {
        try {
            Connection db = connection();
            try {
                readOwners(db);
                db.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(db);
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            closeConnection();
        }
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private static void query(Connection db, String sql, RowReader reader, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(db, sql, parameters); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                reader.read(rows);
            }
        }
    }

    private static void execute(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(db, sql, parameters)) {
            statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection db, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = db.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = connect.get();
            connection.setAutoCommit(false);
        }
        return connection;
    }

    private static void rollback(Connection db) {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // The connection is closed next.
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Gone already.
            }
            connection = null;
        }
    }

    /** Frees every bucket this node holds, so that the others take them over at once rather than after the lease. */
    private void freeAll() {
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            held.set(bucket, null);
        }
        try {
            Connection db = connection();
            execute(db, "update repository_bucket set owner = null, owner_url = null, expires_at = clock_timestamp() where owner = ?", nodeId);
            execute(db, "delete from cluster_node where node_id = ?", nodeId);
            db.commit();
        } catch (SQLException | RuntimeException e) {
            log.warn("Could not free this node's buckets ({}); they lapse with the lease", e.toString());
        }
        closeConnection();
    }

    /** After the web server, whose address the leases publish; stops before it, freeing the buckets. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void start() {
        running = true;
        long period = Math.max(leaseMillis / 3, 50);
        ticks.scheduleWithFixedDelay(this::tick, 0, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        ticks.shutdown();
        try {
            ticks.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        freeAll();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
