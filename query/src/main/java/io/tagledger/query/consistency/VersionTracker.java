package io.tagledger.query.consistency;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Records, per repository, how far its processing group has got; read-your-writes waits on it. One
 * subclass per processing group, so that the record commits with that group's views. Once the batch has
 * committed, the writers waiting in this process are told ({@link ViewCatchUp#committed}).
 */
public abstract class VersionTracker {

    private final String processingGroup;
    private final ViewVersions versions;
    private final ViewCatchUp catchUp;

    protected VersionTracker(String processingGroup, ViewVersions versions, ViewCatchUp catchUp) {
        this.processingGroup = processingGroup;
        this.versions = versions;
        this.catchUp = catchUp;
    }

    @EventHandler
    void on(Object event, DomainEventMessage<?> message) {
        // Events that no aggregate applied (refusals kept for the audit trail) are stored as domain events of no type.
        if (message.getType() == null) {
            return;
        }
        ViewVersionKey key = new ViewVersionKey(processingGroup, message.getAggregateIdentifier());
        long sequence = message.getSequenceNumber();
        versions.findById(key).ifPresentOrElse(version -> version.advanceTo(sequence),
                () -> versions.save(new ViewVersion(processingGroup, key.repositoryName(), sequence)));
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> catchUp.committed(key, sequence));
        } else {
            catchUp.committed(key, sequence);
        }
    }

    @ResetHandler
    void reset() {
        versions.deleteByProcessingGroup(processingGroup);
        catchUp.forget(processingGroup);
    }
}
