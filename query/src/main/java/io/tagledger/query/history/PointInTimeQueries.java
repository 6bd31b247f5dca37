package io.tagledger.query.history;

import io.tagledger.query.ReadsFrom;
import io.tagledger.query.messages.FindRepositoryAsOf;
import io.tagledger.query.messages.RepositoryAsOf;
import io.tagledger.query.view.MemoryViewStore;
import io.tagledger.query.view.RegistryFold;
import io.tagledger.query.view.ViewSummaries;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Point-in-time reads: folds a repository's events, from the first, up to an instant, with the very
 * fold that keeps the registry views ({@link RegistryFold}), into memory. Nothing but the event stream
 * is consulted, so the answer is what the repository was then, whatever the views say now.
 */
@Component
public class PointInTimeQueries {

    private final EventStore eventStore;

    PointInTimeQueries(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @QueryHandler
    @ReadsFrom(ReadsFrom.EVENT_STORE)
    public Optional<RepositoryAsOf> handle(FindRepositoryAsOf query) {
        MemoryViewStore views = new MemoryViewStore();
        // From sequence 0: readEvents(id) alone would start at the latest snapshot.
        DomainEventStream events = eventStore.readEvents(query.repositoryName(), 0L);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getTimestamp().isAfter(query.asOf())) {
                break;
            }
            RegistryFold.apply(event.getPayload(), event.getTimestamp(), views);
        }
        String name = query.repositoryName();
        return views.repository(name).map(repository -> new RepositoryAsOf(
                ViewSummaries.repository(repository, views.images(name).size()),
                views.tags(name).stream().map(ViewSummaries::tag).toList(),
                ViewSummaries.images(views.images(name), views.tags(name))));
    }
}
