package io.tagledger.api.config;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.Objects;

/**
 * The aggregates' repository when several nodes append to one event store.
 *
 * <p>A node's cache cannot see what another node appended. A stale repository would still lose a race
 * to append (the store's unique aggregate and sequence number refuse the second event, and the command
 * is retried on fresh state), but it could also refuse a command on state that has changed, and a
 * refusal appends nothing that could conflict: a tag deleted on one node would still be "taken" on the
 * other. So before each command the cached repository's version is compared with the last sequence
 * number in the store, one indexed read, and a stale one is loaded again.
 */
final class SharedStoreRepository<T> extends CachingEventSourcingRepository<T> {

    private final EventStore eventStore;
    private final Cache cache;

    SharedStoreRepository(EventSourcingRepository.Builder<T> builder, EventStore eventStore, Cache cache) {
        super(builder.eventStore(eventStore).cache(cache));
        this.eventStore = eventStore;
        this.cache = cache;
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        Long stored = eventStore.lastSequenceNumberFor(aggregateIdentifier).orElse(null);
        if (Objects.equals(aggregate.version(), stored)) {
            return aggregate;
        }
        cache.remove(aggregateIdentifier);
        return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
    }
}
