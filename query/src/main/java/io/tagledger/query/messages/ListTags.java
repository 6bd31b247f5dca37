package io.tagledger.query.messages;

/** Lists a repository's tags by name; answers {@code Optional<TagPage>}, empty if the repository is missing. */
public record ListTags(String repositoryName, int limit, String after) {
}
