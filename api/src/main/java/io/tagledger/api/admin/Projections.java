package io.tagledger.api.admin;

import io.tagledger.api.ledger.InlineViews;
import io.tagledger.api.ledger.LedgerWriter;
import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The views, for operators: their state, and rebuilds from the event store while the service runs.
 * A view is written with its events, so it is always at the head of the store. A rebuild runs on the
 * ledger writer's thread in one transaction that no batch of any node overlaps: the view is reset and
 * every event applied to it again. Writes wait for it; until it commits, queries on that view are
 * refused with 503 and a Retry-After, so nobody reads a view while it is being replaced.
 */
@Component
public class Projections {

    private static final Logger log = LoggerFactory.getLogger(Projections.class);

    private final InlineViews views;
    private final LedgerWriter writer;
    private final EventStorageEngine storage;
    private final EventStore eventStore;
    private final ProjectionFailures failures;

    public Projections(InlineViews views, LedgerWriter writer, EventStorageEngine storage, EventStore eventStore, ProjectionFailures failures) {
        this.views = views;
        this.writer = writer;
        this.storage = storage;
        this.eventStore = eventStore;
        this.failures = failures;
    }

    /** The views, by name: each event handler class's processing group. */
    public List<String> names() {
        return views.names();
    }

    public boolean exists(String name) {
        return names().contains(name);
    }

    /** Starts rebuilding the view from the first event; it is done once its status is live again. */
    public void replay(String name) {
        if (!exists(name)) {
            throw new IllegalArgumentException("No projection " + name);
        }
        InlineViews.Rebuild rebuild = views.begin(name, head());
        writer.exclusively(() -> views.rebuild(name, rebuild, storage.readEvents(null, false)))
                .whenComplete((applied, failure) -> {
                    views.finish(rebuild);
                    if (failure != null) {
                        log.error("Rebuilding the {} projection failed; it keeps its views as they were", name, failure);
                    } else {
                        log.info("Rebuilt the {} projection from {} events at {} events/s", name, applied, rebuild.eventsPerSecond());
                    }
                });
    }

    /** Whether the view serves its data: not while it is being rebuilt. */
    public boolean isLive(String name) {
        return !views.isRebuilding(name);
    }

    /** Whether the view's handlers failed on the last events given to them (whose commands then failed). */
    public boolean isFailing(String name) {
        return failures.isFailing(name);
    }

    /** Refuses a query on a projection that is being rebuilt. */
    public void requireLive(String name) {
        if (!isLive(name)) {
            throw RegistryException.of(Refusal.VIEWS_REBUILDING, "projection", name,
                    "retryAfterSeconds", Long.toString(retryAfterSeconds(name)));
        }
    }

    public ProjectionStatus status(String name) {
        long head = head();
        InlineViews.Rebuild rebuild = views.rebuildOf(name).orElse(null);
        boolean rebuilding = rebuild != null && !rebuild.finished();
        long position = rebuilding ? rebuild.applied() : head;
        long target = rebuilding ? rebuild.target() : head;
        double progress = target == 0 ? 100.0 : Math.min(100.0, Math.round(position * 1000.0 / target) / 10.0);
        ProjectionFailures.Failure failure = failures.of(name).orElse(null);
        String state = failure != null ? "failing" : rebuilding ? "replaying" : "live";
        return new ProjectionStatus(name, state, position, rebuilding ? target : head, progress,
                rebuild == null ? null : rebuild.eventsPerSecond(), failure);
    }

    private long retryAfterSeconds(String name) {
        ProjectionStatus status = status(name);
        if (status.eventsPerSecond() == null || status.eventsPerSecond() <= 0) {
            return 5;
        }
        long remaining = Math.max(0, status.head() - status.position());
        return Math.max(1, Math.min(60, (long) Math.ceil(remaining / status.eventsPerSecond())));
    }

    private long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }
}
