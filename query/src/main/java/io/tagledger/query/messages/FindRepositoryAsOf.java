package io.tagledger.query.messages;

import java.time.Instant;

/**
 * The repository exactly as it was at an instant, computed from its event stream. Answers
 * {@code Optional<RepositoryAsOf>}, empty if the repository did not exist then.
 */
public record FindRepositoryAsOf(String repositoryName, Instant asOf) {
}
