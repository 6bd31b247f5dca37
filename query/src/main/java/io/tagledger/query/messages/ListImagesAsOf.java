package io.tagledger.query.messages;

import java.time.Instant;

/**
 * Lists a repository's images by digest as they were at an instant, each with the tags it had then.
 * Answers {@code Optional<ImagePage>}, empty if the repository did not exist then.
 */
public record ListImagesAsOf(String repositoryName, TagStatus tagStatus, int limit, String after, Instant asOf) {
}
