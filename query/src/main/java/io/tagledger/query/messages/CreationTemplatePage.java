package io.tagledger.query.messages;

import java.util.List;

/** @param nextAfter the prefix the next page starts after, or {@code null} on the last page */
public record CreationTemplatePage(List<CreationTemplateSummary> items, String nextAfter) {
}
