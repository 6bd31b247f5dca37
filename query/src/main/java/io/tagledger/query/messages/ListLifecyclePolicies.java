package io.tagledger.query.messages;

/** Lists the repositories that have a lifecycle policy, by name, after {@code after} ({@code null} from the first). Answers {@link RepositoryNames}. */
public record ListLifecyclePolicies(String after, int limit) {
}
