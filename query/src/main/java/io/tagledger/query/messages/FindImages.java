package io.tagledger.query.messages;

import java.util.Collection;

/** Finds a repository's images with these digests; answers {@code Optional<ImagePage>}, empty if the repository is missing. */
public record FindImages(String repositoryName, Collection<String> digests) {
}
