package io.tagledger.query.view;

import io.tagledger.domain.event.RepositoryCreated;
import io.tagledger.domain.event.RepositoryDeleted;
import io.tagledger.domain.event.TagMutabilitySet;
import io.tagledger.query.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** Keeps the repository view: one row per live repository. */
@Component
@ProcessingGroup(ProcessingGroups.REGISTRY_VIEWS)
class RepositoryViewProjection {

    private final RepositoryEntries repositories;

    RepositoryViewProjection(RepositoryEntries repositories) {
        this.repositories = repositories;
    }

    @EventHandler
    void on(RepositoryCreated event, @Timestamp Instant at) {
        repositories.save(new RepositoryEntry(event.repositoryName(), event.imageTagMutability(), event.exclusionFilters(),
                event.tagProtection(), at));
    }

    @EventHandler
    void on(TagMutabilitySet event) {
        repositories.findById(event.repositoryName())
                .ifPresent(entry -> entry.setTagMutability(event.imageTagMutability(), event.exclusionFilters(), event.tagProtection()));
    }

    @EventHandler
    void on(RepositoryDeleted event) {
        repositories.deleteById(event.repositoryName());
    }

    @ResetHandler
    void reset() {
        repositories.deleteAllInBatch();
    }
}
