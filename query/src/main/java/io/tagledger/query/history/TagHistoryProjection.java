package io.tagledger.query.history;

import io.tagledger.domain.event.ImageDeleted;
import io.tagledger.domain.event.ImagePushed;
import io.tagledger.domain.event.ImageUntagged;
import io.tagledger.domain.event.RepositoryDeleted;
import io.tagledger.query.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Keeps every tag's history: each digest it pointed to, with from/to instants and who moved it.
 * A deleted repository's history stays.
 */
@Component
@ProcessingGroup(ProcessingGroups.TAG_HISTORY)
class TagHistoryProjection {

    private final TagHistoryEntries entries;

    TagHistoryProjection(TagHistoryEntries entries) {
        this.entries = entries;
    }

    @EventHandler
    void on(ImagePushed event, EventMessage<?> message, @Timestamp Instant at, @MetaDataValue("principal") String principal) {
        // Untags and deletions end only open periods, so they are idempotent already; a push is made so here.
        if (event.tag() == null || entries.existsByOpenedBy(message.getIdentifier())) {
            return;
        }
        String by = principal == null ? "anonymous" : principal;
        end(event.repositoryName(), event.tag(), at, by, "moved");
        entries.save(new TagHistoryEntry(event.repositoryName(), event.tag(), event.imageDigest(), message.getIdentifier(), at, by));
    }

    @EventHandler
    void on(ImageUntagged event, @Timestamp Instant at, @MetaDataValue("principal") String principal) {
        end(event.repositoryName(), event.tag(), at, principal, "untagged");
    }

    @EventHandler
    void on(ImageDeleted event, @Timestamp Instant at, @MetaDataValue("principal") String principal) {
        event.tags().forEach(tag -> end(event.repositoryName(), tag, at, principal, "deleted"));
    }

    @EventHandler
    void on(RepositoryDeleted event, @Timestamp Instant at, @MetaDataValue("principal") String principal) {
        entries.findByRepositoryNameAndValidToIsNull(event.repositoryName())
                .forEach(entry -> entry.end(at, principal, "repository-deleted"));
    }

    private void end(String repository, String tag, Instant at, String by, String how) {
        entries.findByRepositoryNameAndTagAndValidToIsNull(repository, tag).ifPresent(entry -> entry.end(at, by, how));
    }

    @ResetHandler
    void reset() {
        entries.deleteAllInBatch();
    }
}
