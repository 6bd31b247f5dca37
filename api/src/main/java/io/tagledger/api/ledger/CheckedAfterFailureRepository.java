package io.tagledger.api.ledger;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.Objects;

/**
 * The aggregates' repository: its cache is the store's state, since each repository has one owner,
 * except after a write of the repository failed. A command pipelined behind that write decided on it,
 * and may have put the repository back in the cache with the failed write's events in it before its
 * own write failed in turn. So the first load after a failure ({@link LedgerWriter#hadAFailedWrite})
 * compares the cached repository's version with the store's last sequence number, one indexed read
 * that waits for the writes still queued, and loads a repository that differs again. Under the
 * repository's lock, every command decided before has queued its write by then: none of them can fail
 * after the check, and the mark is cleared.
 */
public final class CheckedAfterFailureRepository<T> extends CachingEventSourcingRepository<T> {

    private final EventStore eventStore;
    private final Cache cache;
    private final LedgerWriter writer;

    public CheckedAfterFailureRepository(EventSourcingRepository.Builder<T> builder, EventStore eventStore, Cache cache, LedgerWriter writer) {
        super(builder.eventStore(eventStore).cache(cache));
        this.eventStore = eventStore;
        this.cache = cache;
        this.writer = writer;
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        if (!writer.hadAFailedWrite(aggregateIdentifier)) {
            return aggregate;
        }
        Long stored = eventStore.lastSequenceNumberFor(aggregateIdentifier).orElse(null);
        writer.checked(aggregateIdentifier);
        if (Objects.equals(aggregate.version(), stored)) {
            return aggregate;
        }
        cache.remove(aggregateIdentifier);
        return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
    }
}
