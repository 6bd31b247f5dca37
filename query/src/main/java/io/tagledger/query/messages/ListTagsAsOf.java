package io.tagledger.query.messages;

import java.time.Instant;

/**
 * Lists a repository's tags by name as they were at an instant, each with the digest it pointed to then.
 * Answers {@code Optional<TagPage>}, empty if the repository did not exist then.
 */
public record ListTagsAsOf(String repositoryName, int limit, String after, Instant asOf) {
}
