package io.tagledger.query.messages;

/** Lists every repository policy: few repositories have one. Answers {@link RepositoryPolicies}. */
public record ListRepositoryPolicies() {
}
