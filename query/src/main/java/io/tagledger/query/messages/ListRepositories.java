package io.tagledger.query.messages;

/** Lists live repositories by name, {@code limit} at most, after the name {@code after} (empty for the first page). */
public record ListRepositories(int limit, String after) {
}
