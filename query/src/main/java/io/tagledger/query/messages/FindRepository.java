package io.tagledger.query.messages;

/** Finds one live repository; answers {@code Optional<RepositorySummary>}. */
public record FindRepository(String repositoryName) {
}
