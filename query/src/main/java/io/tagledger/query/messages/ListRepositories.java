package io.tagledger.query.messages;

/**
 * Lists live repositories by name, {@code limit} at most, after the name {@code after} (empty for the first page);
 * with {@code nameContains}, only those whose name contains it, ignoring case.
 */
public record ListRepositories(int limit, String after, String nameContains) {

    public ListRepositories(int limit, String after) {
        this(limit, after, null);
    }
}
