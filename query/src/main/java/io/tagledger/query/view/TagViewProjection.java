package io.tagledger.query.view;

import io.tagledger.domain.event.ImageDeleted;
import io.tagledger.domain.event.ImagePushed;
import io.tagledger.domain.event.ImageUntagged;
import io.tagledger.domain.event.RepositoryDeleted;
import io.tagledger.query.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** Keeps the tag view: one row per tag, with the digest it points to now. */
@Component
@ProcessingGroup(ProcessingGroups.REGISTRY_VIEWS)
class TagViewProjection {

    private final TagEntries tags;

    TagViewProjection(TagEntries tags) {
        this.tags = tags;
    }

    @EventHandler
    void on(ImagePushed event, @Timestamp Instant at) {
        if (event.tag() == null) {
            return;
        }
        tags.findById(new TagKey(event.repositoryName(), event.tag()))
                .ifPresentOrElse(entry -> entry.pointTo(event.imageDigest(), at),
                        () -> tags.save(new TagEntry(event.repositoryName(), event.tag(), event.imageDigest(), at)));
    }

    @EventHandler
    void on(ImageUntagged event) {
        tags.deleteById(new TagKey(event.repositoryName(), event.tag()));
    }

    @EventHandler
    void on(ImageDeleted event) {
        event.tags().forEach(tag -> tags.deleteById(new TagKey(event.repositoryName(), tag)));
    }

    @EventHandler
    void on(RepositoryDeleted event) {
        tags.deleteAll(tags.findByRepositoryName(event.repositoryName()));
    }

    @ResetHandler
    void reset() {
        tags.deleteAllInBatch();
    }
}
