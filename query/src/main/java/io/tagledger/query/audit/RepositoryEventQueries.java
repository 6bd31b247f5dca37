package io.tagledger.query.audit;

import io.tagledger.query.ReadsFrom;
import io.tagledger.query.messages.ListRepositoryEvents;
import io.tagledger.query.messages.RepositoryEvents;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Reads a repository's events straight from the event store: the source every view is built from. */
@Component
public class RepositoryEventQueries {

    private final EventStore eventStore;
    private final EventPayloads payloads;

    RepositoryEventQueries(EventStore eventStore, EventPayloads payloads) {
        this.eventStore = eventStore;
        this.payloads = payloads;
    }

    @QueryHandler
    @ReadsFrom(ReadsFrom.EVENT_STORE)
    public Optional<RepositoryEvents> handle(ListRepositoryEvents query) {
        long first = query.after() + 1;
        if (first > 0 && !eventStore.readEvents(query.repositoryName(), 0L).hasNext()) {
            return Optional.empty();
        }
        // From an explicit sequence number: readEvents(id) alone would start at the latest snapshot.
        DomainEventStream stream = eventStore.readEvents(query.repositoryName(), first);
        List<RepositoryEvents.Event> events = new ArrayList<>();
        boolean more = false;
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (events.size() == query.limit()) {
                more = true;
                break;
            }
            events.add(new RepositoryEvents.Event(event.getSequenceNumber(), event.getPayloadType().getSimpleName(),
                    event.getTimestamp(), new TreeMap<>(event.getMetaData()), payloads.summarize(event.getPayload())));
        }
        if (events.isEmpty() && first == 0) {
            return Optional.empty();
        }
        return Optional.of(new RepositoryEvents(events, more ? events.get(events.size() - 1).sequenceNumber() : null));
    }
}
