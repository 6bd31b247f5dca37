package io.tagledger.query.messages;

/**
 * A repository's own events in order, from its event stream (kept after the repository is deleted).
 * Answers {@code Optional<RepositoryEvents>}, empty if the name never had a repository.
 *
 * @param after the sequence number to continue after, or -1 from the first
 */
public record ListRepositoryEvents(String repositoryName, long after, int limit) {
}
