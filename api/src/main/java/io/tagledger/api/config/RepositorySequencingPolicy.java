package io.tagledger.api.config;

import io.tagledger.domain.event.Refused;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

/**
 * Every projection handles a repository's events one after the other, refusals included: those are
 * not the aggregate's events, and Axon's default policy would place them by their own identifier, or
 * differently depending on where they were read from, so that two segments could both take one.
 */
public class RepositorySequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        if (event.getPayload() instanceof Refused refused) {
            return refused.repositoryName();
        }
        if (event instanceof DomainEventMessage<?> domainEvent) {
            return domainEvent.getAggregateIdentifier();
        }
        return event.getIdentifier();
    }
}
