package io.tagledger.query.messages;

/**
 * Lists a repository's image ids as ECR's ListImages does: one per (digest, tag) pair, an untagged
 * image once with its digest alone; in (digest, tag) order, after ({@code afterDigest}, {@code afterTag}).
 * Answers {@code Optional<ImageIdPage>}, empty if the repository is missing.
 */
public record ListImageIds(String repositoryName, TagStatus tagStatus, int limit, String afterDigest, String afterTag) {
}
