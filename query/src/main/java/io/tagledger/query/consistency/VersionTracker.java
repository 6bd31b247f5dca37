package io.tagledger.query.consistency;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/**
 * Records, per repository, how far its processing group has got; read-your-writes waits on it. One
 * subclass per processing group, so that the record commits with that group's views.
 */
public abstract class VersionTracker {

    private final String processingGroup;
    private final ViewVersions versions;

    protected VersionTracker(String processingGroup, ViewVersions versions) {
        this.processingGroup = processingGroup;
        this.versions = versions;
    }

    @EventHandler
    void on(Object event, DomainEventMessage<?> message) {
        // Events that no aggregate applied (refusals kept for the audit trail) are stored as domain events of no type.
        if (message.getType() == null) {
            return;
        }
        ViewVersionKey key = new ViewVersionKey(processingGroup, message.getAggregateIdentifier());
        versions.findById(key).ifPresentOrElse(version -> version.advanceTo(message.getSequenceNumber()),
                () -> versions.save(new ViewVersion(processingGroup, key.repositoryName(), message.getSequenceNumber())));
    }

    @ResetHandler
    void reset() {
        versions.deleteByProcessingGroup(processingGroup);
    }
}
