package io.tagledger.api.registry;

import io.tagledger.domain.RegistryException;
import io.tagledger.query.messages.FindAuditTrail;

import java.time.Instant;
import java.util.List;

/**
 * Which entries of the audit trail to list, and in which order; every filter optional ({@code null}).
 * Each is checked: a filter that can match nothing would answer an empty trail, as if nothing had happened.
 *
 * @param outcome {@code accepted} or {@code refused}
 * @param from    entries at or after this instant
 * @param to      entries before this instant
 */
public record AuditFilter(String repository, String principal, String type, String outcome, Instant from, Instant to,
                          boolean newestFirst) {

    public static final List<String> OUTCOMES = List.of("accepted", "refused");

    public AuditFilter {
        if (type != null && !FindAuditTrail.TYPES.contains(type)) {
            throw RegistryException.invalidParameter("type", "Member must satisfy enum value set: " + FindAuditTrail.TYPES);
        }
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            throw RegistryException.invalidParameter("outcome", "Member must satisfy enum value set: " + OUTCOMES);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw RegistryException.invalidParameter("to", "Member must be later than from");
        }
    }

    FindAuditTrail query(int limit, Long after) {
        return new FindAuditTrail(repository, principal, type, outcome, from, to, newestFirst, limit, after);
    }

    /** Each filter length-prefixed: a free-text principal cannot spell another filter's listing. */
    String listing() {
        StringBuilder listing = new StringBuilder("audit");
        for (Object filter : new Object[] {repository, principal, type, outcome, from, to, newestFirst}) {
            String text = filter == null ? null : filter.toString();
            listing.append(' ').append(text == null ? "-" : text.length() + ":" + text);
        }
        return listing.toString();
    }
}
