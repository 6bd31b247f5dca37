package io.tagledger.query.audit;

import io.tagledger.domain.event.CommandRefused;
import io.tagledger.query.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

/** Keeps the audit trail: every event, accepted or refused, in the order of the event stream. */
@Component
@ProcessingGroup(ProcessingGroups.AUDIT_TRAIL)
class AuditTrailProjection {

    
    private final AuditEntries entries;
    private final EventPayloads payloads;

    AuditTrailProjection(AuditEntries entries, EventPayloads payloads) {
        this.entries = entries;
        this.payloads = payloads;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message, TrackingToken token) {
        boolean refused = payload instanceof CommandRefused;
        String repository;
        Long sequence = null;
        if (payload instanceof CommandRefused refusal) {
            repository = refusal.repositoryName();
        } else if (message instanceof DomainEventMessage<?> domainEvent && domainEvent.getType() != null) {
            repository = domainEvent.getAggregateIdentifier();
            sequence = domainEvent.getSequenceNumber();
        } else {
            return;
        }
        long position = token.position().orElseThrow(() -> new IllegalStateException("No position for " + message.getIdentifier()));
        if (entries.existsById(position)) {
            // An event delivered again (a batch retried after the fact) is already in the trail.
            return;
        }
        MetaData metadata = message.getMetaData();
        entries.save(new AuditEntry(
                position,
                repository,
                sequence,
                payload.getClass().getSimpleName(),
                refused ? "refused" : "accepted",
                refused ? ((CommandRefused) payload).errorCode() : null,
                message.getTimestamp(),
                text(metadata, "principal", "anonymous"),
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
