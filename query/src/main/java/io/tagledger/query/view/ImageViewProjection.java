package io.tagledger.query.view;

import io.tagledger.domain.event.ImageDeleted;
import io.tagledger.domain.event.ImagePushed;
import io.tagledger.domain.event.RepositoryDeleted;
import io.tagledger.query.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** Keeps the image view: one row per stored digest, with the manifest as pushed. */
@Component
@ProcessingGroup(ProcessingGroups.REGISTRY_VIEWS)
class ImageViewProjection {

    private final ImageEntries images;

    ImageViewProjection(ImageEntries images) {
        this.images = images;
    }

    @EventHandler
    void on(ImagePushed event, @Timestamp Instant at) {
        ImageKey key = new ImageKey(event.repositoryName(), event.imageDigest());
        if (!images.existsById(key)) {
            images.save(new ImageEntry(event.repositoryName(), event.imageDigest(), event.mediaType(), event.sizeBytes(),
                    at, event.manifest()));
        }
    }

    @EventHandler
    void on(ImageDeleted event) {
        images.deleteById(new ImageKey(event.repositoryName(), event.imageDigest()));
    }

    @EventHandler
    void on(RepositoryDeleted event) {
        // Entity by entity rather than a bulk delete: the batch's persistence context stays true to the table.
        images.deleteAll(images.findByRepositoryName(event.repositoryName()));
    }

    @ResetHandler
    void reset() {
        images.deleteAllInBatch();
    }
}
