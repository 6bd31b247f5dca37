package io.tagledger.query.messages;

import java.util.List;

/** @param nextAfter the key to continue after, or {@code null} when this is the last page */
public record RepositoryPage(List<RepositorySummary> items, String nextAfter) {
}
