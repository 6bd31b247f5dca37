package io.tagledger.api.ledger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tagledger.api.storage.StorageFailures;
import io.tagledger.api.transparency.LogEntry;
import io.tagledger.api.transparency.LogStore;
import io.tagledger.query.AfterCommit;
import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The ledger's one writer: every event this node stores, and every row the views change for it, is
 * written here, by one thread, in one transaction per batch of commands (group commit, as
 * EventStoreDB's writer does it). A batch is whatever queued while the previous one was committed, up
 * to {@value #MAX_BATCH} commands. Once the transaction has committed, the database is made to flush
 * it to stable storage ({@link StableStorage}), and only then is any command of the batch answered:
 * an acknowledged write survives kill -9 and a power cut, and the views already show it
 * (read-your-writes needs no waiting). The same transaction appends each event to the transparency log
 * ({@link LogStore}), whose head every batch locks first: the log's order is the global order.
 *
 * <p>A command that fails in a batch fails alone: the batch is rolled back and each of its commands
 * committed on its own, so that only the one at fault fails (and its cached repository is evicted). A
 * failure of the storage itself fails the whole batch at once. A repository's commands are pipelined
 * ({@link PipelinedCommandBus}): a write may have been decided on the state an earlier, still queued
 * write of its repository left. When that earlier write fails, every later write of the repository
 * that does not follow what the store holds fails too, unwritten, as a lost race ({@link AppendConflict}):
 * it is decided again on what the store holds. The first write that does follow the store clears the mark.
 *
 * <p>Work that must not overlap any batch (a view's rebuild) runs on the same thread, between batches
 * ({@link #exclusively}); with several nodes it also holds the exclusive side of the lock whose shared
 * side every batch holds ({@link StableStorage#lockForBatch}).
 */
@Component
public class LedgerWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LedgerWriter.class);
    static final int MAX_BATCH = 256;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final InlineViews views;
    private final LogStore transparencyLog;
    private final StableStorage storage;
    private final List<AfterCommit> afterCommit;
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final BlockingQueue<Ticket> tickets = new LinkedBlockingQueue<>();
    private final Object signal = new Object();
    private final Timer syncs;
    private final DistributionSummary batchSizes;
    private final Timer commits;
    private final Counter redecided;
    private final Counter fenced;
    private final Counter duplicateKeys;
    /** Repositories a write of which failed, until a write follows the store again; only the writer's thread touches it. */
    private final Set<String> failedRepositories = new HashSet<>();
    /** Repositories a write of which failed, until a load has checked the cached repository against the store. */
    private final Set<String> uncheckedFailures = ConcurrentHashMap.newKeySet();
    private volatile Thread thread;
    private volatile boolean running;

    /**
     * The events of one command, the lease it was decided under ({@code null} on a single node), and what
     * its unit of work waits on.
     */
    private record Ticket(List<StoredEvent> events, Fence fence, CompletableFuture<Void> done) {

        /** The repository's first event in the write, or null for a write of no repository (a refusal). */
        StoredEvent first() {
            for (StoredEvent event : events) {
                if (event.type() != null) {
                    return event;
                }
            }
            return null;
        }
    }

    LedgerWriter(DataSource dataSource, PlatformTransactionManager transactionManager, InlineViews views, LogStore transparencyLog,
                 MeterRegistry meters, List<AfterCommit> afterCommit) {
        this.transparencyLog = transparencyLog;
        this.afterCommit = afterCommit;
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(transactionManager);
        this.views = views;
        this.storage = StableStorage.of(dataSource);
        this.syncs = Timer.builder("tagledger.ledger.sync")
                .description("Flushes of the ledger to stable storage: one per committed batch").register(meters);
        this.batchSizes = DistributionSummary.builder("tagledger.ledger.batch.writes")
                .description("Writes (a command's events, or a refusal) committed together in one batch").register(meters);
        this.commits = Timer.builder("tagledger.ledger.commit")
                .description("One batch: its transaction, its views and its flush to stable storage").register(meters);
        this.redecided = Counter.builder("tagledger.ledger.writes.redecided")
                .description("Writes not stored because they were decided on an earlier write of their repository that failed;"
                        + " their commands are decided again").register(meters);
        this.fenced = Counter.builder("tagledger.ledger.writes.fenced")
                .description("Writes not stored because their repository's bucket had another owner by then;"
                        + " their commands are sent to that owner").register(meters);
        this.duplicateKeys = Counter.builder("tagledger.ledger.appends.duplicate-key")
                .description("Appends the event store's unique key refused: another writer had appended to the repository."
                        + " With one owner per repository, never; the key is the last guard").register(meters);
    }

    /**
     * Stores the events of one command with their views, in the next batch.
     *
     * @param fence the lease the command was decided under: the events are stored only while it is the
     *              bucket's current one, else they fail with {@link OwnershipLost}. {@code null} on a single node
     * @return completed once they are committed and on stable storage, or exceptionally with why not
     */
    public CompletableFuture<Void> append(List<StoredEvent> events, Fence fence) {
        Ticket ticket = new Ticket(events, fence, new CompletableFuture<>());
        if (!running) {
            ticket.done().completeExceptionally(new IllegalStateException("The ledger writer is not running"));
            return ticket.done();
        }
        tickets.add(ticket);
        wake();
        return ticket.done();
    }

    /**
     * Runs the work on the writer's thread between two batches, in a transaction of its own that no
     * batch of any node overlaps, and flushes it to stable storage.
     */
    public <T> CompletableFuture<T> exclusively(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                T value = transactions.execute(status -> {
                    storage.lockExclusively(jdbc);
                    return work.get();
                });
                // What memory keeps of the views starts afresh after work that no batch overlaps (a rebuild).
                afterCommit.forEach(AfterCommit::rebuilt);
                sync();
                result.complete(value);
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        wake();
        return result;
    }

    private void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void run() {
        List<Ticket> batch = new ArrayList<>();
        while (running || !tickets.isEmpty()) {
            try {
                Runnable task = tasks.poll();
                if (task != null) {
                    task.run();
                    continue;
                }
                tickets.drainTo(batch, MAX_BATCH);
                if (batch.isEmpty()) {
                    awaitWork();
                    continue;
                }
                commit(batch);
            } catch (RuntimeException | Error unexpected) {
                // The writer must outlive anything: every write waits on it. What was in hand fails, not hangs.
                log.error("The ledger writer failed outside a batch; it goes on", unexpected);
                batch.forEach(ticket -> ticket.done().completeExceptionally(unexpected));
            }
            batch.clear();
        }
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }

    private void awaitWork() {
        synchronized (signal) {
            if (tickets.isEmpty() && tasks.isEmpty() && running) {
                try {
                    signal.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * Commits the batch, or, if it fails, each of its writes on its own; then flushes what committed to
     * stable storage once and answers it. A flush that fails fails every write it held: they are
     * committed but not known to be on disk, so none is acknowledged (nor written again).
     */
    private void commit(List<Ticket> all) {
        long started = System.nanoTime();
        List<Ticket> batch = new ArrayList<>(all.size());
        for (Ticket ticket : all) {
            if (!builtOnAFailure(ticket)) {
                batch.add(ticket);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        List<Ticket> committed = new ArrayList<>(batch.size());
        try {
            committed.addAll(write(batch));
        } catch (RuntimeException | Error e) {
            if (batch.size() == 1 || StorageFailures.isStorageFailure(e)) {
                batch.forEach(ticket -> failed(ticket, e));
                return;
            }
            log.debug("A batch of {} writes failed ({}); committing each on its own", batch.size(), e.toString());
            for (Ticket ticket : batch) {
                if (builtOnAFailure(ticket)) {
                    continue;
                }
                try {
                    committed.addAll(write(List.of(ticket)));
                } catch (RuntimeException | Error alone) {
                    failed(ticket, alone);
                }
            }
        }
        if (committed.isEmpty()) {
            return;
        }
        try {
            sync();
        } catch (RuntimeException | Error e) {
            committed.forEach(ticket -> {
                StoredEvent first = ticket.first();
                if (first != null) {
                    uncheckedFailures.add(first.aggregateIdentifier());
                }
                ticket.done().completeExceptionally(e);
            });
            return;
        }
        batchSizes.record(committed.size());
        commits.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        committed.forEach(ticket -> ticket.done().complete(null));
    }

    /** Fails a write that was not committed, and marks its repository for the writes and the loads decided on it. */
    private void failed(Ticket ticket, Throwable cause) {
        StoredEvent first = ticket.first();
        if (first != null) {
            failedRepositories.add(first.aggregateIdentifier());
            uncheckedFailures.add(first.aggregateIdentifier());
        }
        ticket.done().completeExceptionally(cause);
    }

    /** Whether a write of the repository failed since a load last checked it against the store. */
    boolean hadAFailedWrite(String repository) {
        return uncheckedFailures.contains(repository);
    }

    /** A load has checked the repository against the store, after every write decided before it settled. */
    void checked(String repository) {
        uncheckedFailures.remove(repository);
    }

    /**
     * Whether the write was decided on state that was never stored: its repository had a write fail,
     * and the write does not follow what the store holds for the repository (a gap before it). It then
     * fails, unwritten. A write that follows the store's last event was decided on the store, whoever
     * wrote that event (another node, after a conflict), and clears the mark; one that collides with a
     * stored event is left to the store's key.
     */
    private boolean builtOnAFailure(Ticket ticket) {
        StoredEvent first = ticket.first();
        if (first == null || !failedRepositories.contains(first.aggregateIdentifier())) {
            return false;
        }
        Long last = jdbc.queryForObject("select max(sequence_number) from domain_event_entry where aggregate_identifier = ?",
                Long.class, first.aggregateIdentifier());
        long next = last == null ? 0 : last + 1;
        if (first.sequenceNumber() == next) {
            failedRepositories.remove(first.aggregateIdentifier());
            return false;
        }
        if (first.sequenceNumber() < next) {
            return false;
        }
        redecided.increment();
        failed(ticket, new AppendConflict("It was decided on an earlier write of the repository that failed"));
        return true;
    }

    /**
     * One transaction: the writes' events, then every view's rows for them. A write decided under a lease
     * that is no longer its bucket's is left out and fails ({@link OwnershipLost}).
     *
     * @return the writes committed
     */
    private List<Ticket> write(List<Ticket> batch) {
        List<Ticket> written = new ArrayList<>(batch.size());
        List<Ticket> lost = new ArrayList<>();
        List<EventMessage<?>> messages = new ArrayList<>();
        transactions.executeWithoutResult(status -> {
            storage.lockForBatch(jdbc);
            // The log's head first: batches of every node then take their global indexes in the log's order.
            transparencyLog.lockedSize();
            written.clear();
            lost.clear();
            Map<Integer, Long> epochs = leaseEpochs(batch);
            for (Ticket ticket : batch) {
                Fence fence = ticket.fence();
                (fence == null || Objects.equals(epochs.get(fence.bucket()), fence.epoch()) ? written : lost).add(ticket);
            }
            List<StoredEvent> events = new ArrayList<>();
            written.forEach(ticket -> events.addAll(ticket.events()));
            messages.clear();
            events.forEach(event -> messages.add(event.message()));
            if (!events.isEmpty()) {
                insert(events);
                views.apply(messages);
                transparencyLog.append(leaves(events));
            }
        });
        for (Ticket ticket : lost) {
            // Counted before it is answered: whoever waits for it sees the count.
            fenced.increment();
            failed(ticket, new OwnershipLost("Bucket " + ticket.fence().bucket() + " has another owner since epoch "
                    + ticket.fence().epoch() + "; nothing was written"));
        }
        // Committed, not yet answered: what the read side keeps in memory moves on first.
        afterCommit.forEach(listener -> listener.committed(messages));
        return written;
    }

    /**
     * The current epoch of each bucket the batch's writes were decided in, read with the rows held shared
     * until the batch commits: a node taking a bucket over waits for the batch, or the batch sees its epoch.
     */
    private Map<Integer, Long> leaseEpochs(List<Ticket> batch) {
        Set<Integer> buckets = new TreeSet<>();
        batch.forEach(ticket -> {
            if (ticket.fence() != null) {
                buckets.add(ticket.fence().bucket());
            }
        });
        Map<Integer, Long> epochs = new HashMap<>();
        if (!buckets.isEmpty()) {
            jdbc.query(storage.leaseEpochs(buckets.size()), (ResultSet row) -> {
                epochs.put(row.getInt(1), row.getLong(2));
            }, buckets.toArray());
        }
        return epochs;
    }

    /** Inserts the events; a key the store already holds is another writer's append ({@link AppendConflict}). */
    private void insert(List<StoredEvent> events) {
        try {
            jdbc.batchUpdate(storage.insertEvent(), events, events.size(), (statement, event) -> {
                statement.setString(1, event.eventIdentifier());
                statement.setString(2, event.aggregateIdentifier());
                statement.setLong(3, event.sequenceNumber());
                statement.setString(4, event.type());
                statement.setString(5, event.timeStamp());
                statement.setString(6, event.payloadType());
                statement.setString(7, event.payloadRevision());
                statement.setBytes(8, event.payload());
                statement.setBytes(9, event.metaData());
            });
        } catch (DuplicateKeyException conflict) {
            duplicateKeys.increment();
            throw new AppendConflict(conflict);
        }
    }

    /** Each event's leaf in the transparency log: its entry, made from the row as it is stored. */
    private static List<LogStore.Leaf> leaves(List<StoredEvent> events) {
        List<LogStore.Leaf> leaves = new ArrayList<>(events.size());
        for (StoredEvent event : events) {
            leaves.add(new LogStore.Leaf(event.eventIdentifier(), LogEntry.of(event.eventIdentifier(), event.aggregateIdentifier(),
                    event.sequenceNumber(), event.timeStamp(), event.payloadType(), event.payloadRevision(), event.payload(),
                    event.metaData())));
        }
        return leaves;
    }

    private void sync() {
        long started = System.nanoTime();
        jdbc.execute((Connection connection) -> {
            storage.sync(connection);
            return null;
        });
        syncs.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    /** Whether the caller is the writer's thread, which must never wait for a batch. */
    boolean isWriterThread() {
        return Thread.currentThread() == thread;
    }

    /**
     * Puts in the transparency log, before any batch, the events stored before it existed (once), then
     * starts the writer. A start that cannot do so fails: no batch may grow a log that lacks them.
     */
    @Override
    public void start() {
        transactions.executeWithoutResult(status -> {
            storage.lockExclusively(jdbc);
            transparencyLog.backfill();
        });
        sync();
        running = true;
        Thread writer = new Thread(this::run, "ledger-writer");
        writer.setDaemon(false);
        thread = writer;
        writer.start();
    }

    /** Commits what is queued, then stops: after the web server, before the database closes. */
    @Override
    public void stop() {
        running = false;
        wake();
        Thread writer = thread;
        if (writer != null) {
            try {
                writer.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Ticket left;
        while ((left = tickets.poll()) != null) {
            left.done().completeExceptionally(new IllegalStateException("The ledger writer stopped"));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Below Axon's and the web server's phases: it starts before them and stops after them. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    /** Whether the database is PostgreSQL; otherwise H2. */
    public static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell which database the ledger is kept in", e);
        }
    }
}
