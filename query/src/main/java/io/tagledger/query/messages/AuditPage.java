package io.tagledger.query.messages;

import java.util.List;

/** @param nextAfter the position to continue after, or {@code null} when this is the last page */
public record AuditPage(List<AuditRecord> items, Long nextAfter) {
}
