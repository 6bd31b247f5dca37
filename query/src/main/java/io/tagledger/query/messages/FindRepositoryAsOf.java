package io.tagledger.query.messages;

import java.time.Instant;

/**
 * The repository as it was at an instant: its rules then and how many images it held. Answers
 * {@code Optional<RepositorySummary>}, empty if the repository did not exist then.
 */
public record FindRepositoryAsOf(String repositoryName, Instant asOf) {
}
