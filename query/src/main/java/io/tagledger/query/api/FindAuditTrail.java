package io.tagledger.query.api;

import java.time.Instant;

/**
 * Finds audit trail entries; every filter is optional ({@code null}). Answers {@link AuditPage}.
 *
 * @param outcome     {@code accepted} or {@code refused}
 * @param from        entries at or after this instant
 * @param to          entries before this instant
 * @param newestFirst the order of the positions
 * @param after       the position to continue after, in the chosen order
 */
public record FindAuditTrail(String repository, String principal, String type, String outcome, Instant from, Instant to,
                             boolean newestFirst, int limit, Long after) {
}
