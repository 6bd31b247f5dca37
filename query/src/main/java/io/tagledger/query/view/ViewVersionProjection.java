package io.tagledger.query.view;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.SourceId;
import org.springframework.stereotype.Component;

/** Records, per repository, how far the registry views have got; read-your-writes waits on it. */
@Component
@ProcessingGroup(RegistryViews.PROCESSING_GROUP)
class ViewVersionProjection {

    private final ViewVersions versions;

    ViewVersionProjection(ViewVersions versions) {
        this.versions = versions;
    }

    @EventHandler
    void on(Object event, @SourceId String repositoryName, @SequenceNumber long sequence) {
        versions.findById(repositoryName)
                .ifPresentOrElse(version -> version.advanceTo(sequence),
                        () -> versions.save(new ViewVersion(repositoryName, sequence)));
    }

    @ResetHandler
    void reset() {
        versions.deleteAllInBatch();
    }
}
