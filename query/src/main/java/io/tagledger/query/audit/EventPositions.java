package io.tagledger.query.audit;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.springframework.stereotype.Component;

/**
 * An event's own position in the global event stream: its global index in the event store.
 *
 * <p>A tracking token's {@code position()} is not that: it is the highest index the processor has
 * seen. When transactions commit out of order, an event that fills a gap arrives with a token whose
 * position belongs to a later event, so two events would share a position. Keying the trail by it
 * lost entries under concurrent writes.
 */
@Component
public class EventPositions {

    @PersistenceContext
    private EntityManager entityManager;

    public long of(String eventIdentifier) {
        return entityManager.createQuery(
                        "select e.globalIndex from DomainEventEntry e where e.eventIdentifier = :identifier", Long.class)
                .setParameter("identifier", eventIdentifier)
                .getSingleResult();
    }
}
