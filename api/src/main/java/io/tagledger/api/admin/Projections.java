package io.tagledger.api.admin;

import io.tagledger.api.ledger.InlineViews;
import io.tagledger.api.ledger.LedgerWriter;
import io.tagledger.api.ledger.StoredEvents;
import io.tagledger.query.RebuildableView;
import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The views, for operators: their state, and rebuilds from the event store while the service runs,
 * and answers. A rebuild writes fresh tables beside the live ones ({@link FreshTables}), which keep
 * answering and following the writes meanwhile:
 * <ol>
 *   <li>it streams the store in global order, in large pages, and folds it in memory with the view's
 *       own fold ({@link RebuildableView}), writing rows in large batches (a view whose memory is full
 *       is written then, and follows the rest row by row);</li>
 *   <li>it gives the loaded tables their keys and indexes, then follows the events written since,
 *       row by row, while writes go on;</li>
 *   <li>it applies the last of them in a task of the ledger writer that no batch of any node overlaps,
 *       and swaps the tables in.</li>
 * </ol>
 * Its progress is in the database, so that every node shows it ({@link RebuildProgress}). Rebuilds
 * run on a thread of their own; the views asked for by the time one starts are rebuilt together, in
 * one pass over the store, each event read and deserialized once.
 */
@Component
public class Projections implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Projections.class);
    /** Events read from the store at a time. */
    private static final int PAGE = 10_000;
    /** Once the writes since are fewer than this, the rest is applied with writes held. */
    private static final int SMALL_TAIL = 2_000;
    private static final int MAX_TAIL_ROUNDS = 10;
    private static final long REPORT_EVERY_NANOS = 1_000_000_000L;

    private final InlineViews views;
    private final LedgerWriter writer;
    private final StoredEvents events;
    private final ProjectionFailures failures;
    private final RebuildProgress progress;
    private final ViewSwaps swaps;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final boolean postgres;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final ExecutorService rebuilder = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "view-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    Projections(InlineViews views, LedgerWriter writer, StoredEvents events, ProjectionFailures failures, RebuildProgress progress,
                ViewSwaps swaps, DataSource dataSource, PlatformTransactionManager transactionManager) {
        this.views = views;
        this.writer = writer;
        this.events = events;
        this.failures = failures;
        this.progress = progress;
        this.swaps = swaps;
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(transactionManager);
        this.postgres = LedgerWriter.isPostgres(dataSource);
    }

    /** The views, by name: each event handler class's processing group. */
    public List<String> names() {
        return views.names();
    }

    public boolean exists(String name) {
        return names().contains(name);
    }

    /**
     * Starts rebuilding the view from the first event, unless a rebuild of it is already running on any
     * node; it is done once its status is live again.
     */
    public void replay(String name) {
        if (!exists(name)) {
            throw new IllegalArgumentException("No projection " + name);
        }
        if (queued.add(name)) {
            rebuilder.submit(this::rebuildQueued);
        }
    }

    /** Starts rebuilding every view, in one pass over the store. */
    public void replayAll() {
        List<String> asked = names().stream().filter(queued::add).toList();
        if (!asked.isEmpty()) {
            rebuilder.submit(this::rebuildQueued);
        }
    }

    /** Starts the rebuilds that a migration asked for, once the service is up: the views answer meanwhile. */
    @EventListener(ApplicationReadyEvent.class)
    void rebuildRequested() {
        List<String> requested = progress.requested().stream().filter(this::exists).toList();
        if (!requested.isEmpty()) {
            log.info("Rebuilding {}, as the schema's migration asked", requested);
            requested.forEach(this::replay);
        }
    }

    /** Whether the view's handlers failed on the last events given to them (whose commands then failed). */
    public boolean isFailing(String name) {
        return failures.isFailing(name);
    }

    /** Whether a rebuild of the view is asked for or running on this node; known without the database. */
    public boolean isRebuildingHere(String name) {
        return queued.contains(name);
    }

    public ProjectionStatus status(String name) {
        long head = events.head();
        RebuildProgress.Row last = progress.of(name).orElse(null);
        ProjectionFailures.Failure failure = failures.of(name).orElse(null);
        boolean running = last != null && last.running() || queued.contains(name);
        String state = failure != null ? "failing" : running ? "replaying" : "live";
        long position = running ? (last != null && last.running() ? last.position() : 0) : head;
        double progressPercent = head == 0 ? 100.0 : Math.min(100.0, Math.round(position * 1000.0 / head) / 10.0);
        return new ProjectionStatus(name, state, position, head, progressPercent, last == null ? null : last.eventsPerSecond(),
                failure, last != null && last.state().equals("failed") ? last.error() : null);
    }

    /** Rebuilds every view asked for so far, in one pass over the store; a rebuild asked for later runs after it. */
    private void rebuildQueued() {
        List<String> names = names().stream().filter(queued::contains).toList();
        if (names.isEmpty()) {
            return;
        }
        try {
            rebuild(names);
        } finally {
            queued.removeAll(names);
        }
    }

    private void rebuild(List<String> asked) {
        long head = events.head();
        List<String> names = new ArrayList<>();
        for (String name : asked) {
            if (progress.claim(name, head)) {
                names.add(name);
            } else {
                log.info("The {} projection is being rebuilt by another node", name);
            }
        }
        if (names.isEmpty()) {
            return;
        }
        Run run = new Run(names);
        FreshTables fresh = FreshTables.of(jdbc, postgres);
        try {
            List<RebuildableView.Rebuild> rebuilds = new ArrayList<>();
            for (String name : names) {
                RebuildableView view = views.view(name);
                fresh.create(view.tables());
                rebuilds.add(view.rebuildInto(jdbc, FreshTables.SUFFIX));
            }
            RebuildableView.Rebuild rebuild = together(rebuilds);
            StoredEvents.Cursor cursor = events.cursor();
            // 1. The store as it was asked for, folded in memory as far as memory allows.
            boolean indexed = false;
            while (cursor.position() < head && run.apply(cursor.next(PAGE), rebuild) > 0) {
                run.report(cursor.position());
                if (!indexed && rebuild.memoryFull()) {
                    transactions.executeWithoutResult(status -> rebuild.flush());
                    fresh.index();
                    indexed = true;
                }
            }
            transactions.executeWithoutResult(status -> rebuild.flush());
            if (!indexed) {
                fresh.index();
            }
            // 2. What was written since, while writes go on; a few rounds at most, should writes outpace it.
            long applied;
            int rounds = 0;
            do {
                applied = run.apply(cursor.filledGaps(), rebuild) + run.drain(cursor, rebuild);
                transactions.executeWithoutResult(status -> rebuild.flush());
                run.report(cursor.position());
            } while (applied >= SMALL_TAIL && ++rounds < MAX_TAIL_ROUNDS);
            // 3. The last of it with writes held, and the swap.
            writer.exclusively(() -> {
                run.apply(cursor.filledGaps(), rebuild);
                run.drain(cursor, rebuild);
                rebuild.flush();
                for (String name : names) {
                    swaps.swapping(name, () -> fresh.swap(views.view(name).tables()));
                }
                return null;
            }).join();
            names.forEach(name -> progress.done(name, cursor.position(), run.eventsPerSecond()));
            log.info("Rebuilt {} from {} events at {} events/s", names, run.applied, run.eventsPerSecond());
        } catch (RuntimeException | Error e) {
            log.error("Rebuilding {} failed; they keep their views as they were", names, e);
            names.forEach(name -> progress.failed(name, String.valueOf(e.getMessage())));
            List<String> left = fresh.drop();
            if (!left.isEmpty()) {
                log.warn("Could not drop {}; the next rebuild replaces them", left);
            }
        }
    }

    /** Several views' rebuilds as one: each event is read and deserialized once, and applied to each. */
    private static RebuildableView.Rebuild together(List<RebuildableView.Rebuild> rebuilds) {
        return new RebuildableView.Rebuild() {

            @Override
            public void apply(long position, EventMessage<?> event) {
                rebuilds.forEach(rebuild -> rebuild.apply(position, event));
            }

            @Override
            public void flush() {
                rebuilds.forEach(RebuildableView.Rebuild::flush);
            }

            @Override
            public boolean memoryFull() {
                return rebuilds.stream().anyMatch(RebuildableView.Rebuild::memoryFull);
            }
        };
    }

    /** One rebuild's count and rate, reported to every node at most once a second. */
    private final class Run {

        private final List<String> names;
        private final long startedAt = System.nanoTime();
        private long applied;
        private long reportedAt = startedAt;

        Run(List<String> names) {
            this.names = names;
        }

        /** Applies the events in one transaction (each write of the tail straight to the fresh tables). */
        long apply(List<StoredEvents.Stored> page, RebuildableView.Rebuild rebuild) {
            if (!page.isEmpty()) {
                transactions.executeWithoutResult(status -> page.forEach(event -> rebuild.apply(event.position(), event.message())));
                applied += page.size();
            }
            return page.size();
        }

        long drain(StoredEvents.Cursor cursor, RebuildableView.Rebuild rebuild) {
            long total = 0;
            long count;
            while ((count = apply(cursor.next(PAGE), rebuild)) > 0) {
                total += count;
            }
            return total;
        }

        void report(long position) {
            long now = System.nanoTime();
            if (now - reportedAt >= REPORT_EVERY_NANOS) {
                reportedAt = now;
                long head = events.head();
                names.forEach(name -> progress.report(name, position, head, eventsPerSecond()));
            }
        }

        double eventsPerSecond() {
            double seconds = Math.max((System.nanoTime() - startedAt) / 1e9, 1e-3);
            return Math.round(applied / seconds * 10) / 10.0;
        }
    }

    @Override
    public void destroy() {
        rebuilder.shutdownNow();
    }
}
