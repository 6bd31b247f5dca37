package io.tagledger.domain.event;

import org.axonframework.serialization.Revision;

/** A repository was deleted, with {@code imageCount} images if it was forced. */
@Revision("1")
public record RepositoryDeleted(String repositoryName, boolean force, int imageCount) {
}
