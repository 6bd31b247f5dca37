package io.tagledger.query.messages;

import java.util.Collection;

/** Finds a repository's tags with these names; answers {@code Optional<TagPage>}, empty if the repository is missing. */
public record FindTags(String repositoryName, Collection<String> tags) {
}
