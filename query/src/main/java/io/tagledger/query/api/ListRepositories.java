package io.tagledger.query.api;

/** Lists live repositories by name, {@code limit} at most, after the name {@code after} (empty for the first page). */
public record ListRepositories(int limit, String after) {
}
