package io.tagledger.query.messages;

/** Lists a repository's images by digest; answers {@code Optional<ImagePage>}, empty if the repository is missing. */
public record ListImages(String repositoryName, TagStatus tagStatus, int limit, String after) {
}
