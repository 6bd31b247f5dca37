package io.tagledger.query.api;

/** Finds one live repository; answers {@code Optional<RepositorySummary>}. */
public record FindRepository(String repositoryName) {
}
