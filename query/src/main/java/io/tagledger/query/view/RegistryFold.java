package io.tagledger.query.view;

import io.tagledger.domain.event.ImageDeleted;
import io.tagledger.domain.Manifest;
import io.tagledger.domain.event.ImagePushed;
import io.tagledger.domain.event.ImageUntagged;
import io.tagledger.domain.event.RepositoryCreated;
import io.tagledger.domain.event.RepositoryDeleted;
import io.tagledger.domain.event.TagMutabilitySet;

import java.time.Instant;

/**
 * What each of a repository's events does to the registry views (repositories, images, tags): the
 * one place those rules live. The projection applies it to the database as events arrive; a
 * point-in-time read applies it in memory to a repository's events up to an instant. Applying an
 * event twice changes nothing more.
 */
public final class RegistryFold {

    private RegistryFold() {
    }

    /** @param at the event's timestamp */
    public static void apply(Object event, Instant at, ViewStore views) {
        if (event instanceof RepositoryCreated created) {
            views.addRepository(new RepositoryEntry(created.repositoryName(), RepositoryRules.of(created), at));
        } else if (event instanceof TagMutabilitySet set) {
            views.setRules(set.repositoryName(), RepositoryRules.of(set));
        } else if (event instanceof ImagePushed pushed) {
            if (!views.hasImage(pushed.repositoryName(), pushed.imageDigest())) {
                views.addImage(new ImageEntry(pushed.repositoryName(), pushed.imageDigest(), pushed.mediaType(), pushed.sizeBytes(),
                        at, pushed.manifest(), Manifest.referencesOf(pushed.manifest()).subject()));
            }
            if (pushed.tag() != null) {
                views.pointTag(pushed.repositoryName(), pushed.tag(), pushed.imageDigest(), at);
            }
        } else if (event instanceof ImageUntagged untagged) {
            views.removeTag(untagged.repositoryName(), untagged.tag());
        } else if (event instanceof ImageDeleted deleted) {
            deleted.tags().forEach(tag -> views.removeTag(deleted.repositoryName(), tag));
            views.removeImage(deleted.repositoryName(), deleted.imageDigest());
        } else if (event instanceof RepositoryDeleted repositoryDeleted) {
            views.removeRepository(repositoryDeleted.repositoryName());
        }
    }
}
