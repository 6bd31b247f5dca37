package io.tagledger.query.audit;

import io.tagledger.domain.event.Refused;
import io.tagledger.query.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

/**
 * Keeps the audit trail: every event, accepted or refused, in the order of the event stream, keyed by
 * the event's own global index (see {@link EventPositions}).
 */
@Component
@ProcessingGroup(ProcessingGroups.AUDIT_TRAIL)
class AuditTrailProjection {

    private final AuditEntries entries;
    private final EventPayloads payloads;
    private final EventPositions positions;

    AuditTrailProjection(AuditEntries entries, EventPayloads payloads, EventPositions positions) {
        this.entries = entries;
        this.payloads = payloads;
        this.positions = positions;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) {
        boolean refused = payload instanceof Refused;
        String repository;
        Long sequence = null;
        if (payload instanceof Refused refusal) {
            repository = refusal.repositoryName();
        } else if (message instanceof DomainEventMessage<?> domainEvent && domainEvent.getType() != null) {
            repository = domainEvent.getAggregateIdentifier();
            sequence = domainEvent.getSequenceNumber();
        } else {
            return;
        }
        long position = positions.of(message.getIdentifier());
        if (entries.existsById(position)) {
            // This very event, delivered again, is already in the trail: the position is its own.
            return;
        }
        MetaData metadata = message.getMetaData();
        entries.save(new AuditEntry(
                position,
                repository,
                sequence,
                payload.getClass().getSimpleName(),
                refused ? "refused" : "accepted",
                refused ? ((Refused) payload).errorCode() : null,
                message.getTimestamp(),
                text(metadata, "principal", "anonymous"),
                text(metadata, "claimedBy", null),
                text(metadata, "api", null),
                text(metadata, "sourceAddress", null),
                text(metadata, "userAgent", null),
                text(metadata, "requestId", null),
                text(metadata, "correlationId", null),
                payloads.summarizeAsText(payload)));
    }

    private static String text(MetaData metadata, String key, String otherwise) {
        Object value = metadata.get(key);
        return value == null ? otherwise : value.toString();
    }

    @ResetHandler
    void reset() {
        entries.deleteAllInBatch();
    }
}
