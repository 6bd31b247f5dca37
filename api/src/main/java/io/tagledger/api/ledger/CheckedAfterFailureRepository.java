package io.tagledger.api.ledger;

import io.tagledger.domain.RegistryException;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.ExecutionResult;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The aggregates' repository: its cache is the store's state, since each repository has one owner,
 * except after a write of the repository failed. A command pipelined behind that write decided on it,
 * and may have put the repository back in the cache with the failed write's events in it before its
 * own write failed in turn. So the first load after a failure ({@link LedgerWriter#hadAFailedWrite})
 * compares the cached repository's version with the store's last sequence number, one indexed read
 * that waits for the writes still queued, and loads a repository that differs again. Under the
 * repository's lock, every command decided before has queued its write by then: none of them can fail
 * after the check, and the mark is cleared.
 *
 * <p>A refused command keeps its repository cached. Axon evicts an aggregate whenever its command's
 * unit of work rolls back, so the next command would load it again, snapshot and all, which costs a
 * large repository far more than the refusal. The aggregate refuses before it applies anything, so a
 * refusal that left the repository's version as it was put it back as it was.
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
        AtomicReference<EventSourcedAggregate<T>> loaded = new AtomicReference<>();
        AtomicReference<Long> versionLoaded = new AtomicReference<>();
        // Registered before the loading registers the eviction: a rollback calls its handlers last first.
        CurrentUnitOfWork.get().onRollback(unitOfWork -> keepIfRefused(unitOfWork, loaded.get(), versionLoaded.get()));
        EventSourcedAggregate<T> aggregate = loadChecked(aggregateIdentifier, expectedVersion);
        loaded.set(aggregate);
        versionLoaded.set(aggregate.version());
        return aggregate;
    }

    private void keepIfRefused(UnitOfWork<?> unitOfWork, EventSourcedAggregate<T> aggregate, Long versionLoaded) {
        ExecutionResult result = unitOfWork.getExecutionResult();
        Fence fence = Fence.current();
        // Only while this node still owns the repository: a node taking it over again starts from the store.
        boolean refused = result != null && result.isExceptionResult() && result.getExceptionResult() instanceof RegistryException;
        if (refused && aggregate != null && Objects.equals(aggregate.version(), versionLoaded) && !aggregate.isDeleted()
                && (fence == null || fence.holds())) {
            cache.put(aggregate.identifierAsString(), new AggregateCacheEntry<>(aggregate));
        }
    }

    private EventSourcedAggregate<T> loadChecked(String aggregateIdentifier, Long expectedVersion) {
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
