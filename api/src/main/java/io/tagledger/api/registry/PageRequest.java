package io.tagledger.api.registry;

import io.tagledger.domain.RegistryException;

/**
 * A page asked for, on any listing of any API: how many items (100 unless asked, 1 to 1000), and the
 * token of the page before, which the application layer checks was given for this very listing.
 *
 * @param tokenMember the member that carried the token, named as its API names it ({@code cursor}, {@code nextToken})
 */
public record PageRequest(int limit, String token, String tokenMember) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /** @param limitMember the member that asked for a size, named as its API names it ({@code limit}, {@code maxResults}) */
    public static PageRequest of(String limitMember, Integer limit, String tokenMember, String token) {
        return new PageRequest(limit(limitMember, limit), token, tokenMember);
    }

    /** The page after the one whose answer gave {@code nextToken}, as large. */
    public PageRequest next(String nextToken) {
        return new PageRequest(limit, nextToken, tokenMember);
    }

    /** A page size asked for, checked: for listings that page by position rather than by token. */
    public static int limit(String member, Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1) {
            throw RegistryException.invalidParameter(member, "Member must have value greater than or equal to 1");
        }
        if (requested > MAX_LIMIT) {
            throw RegistryException.invalidParameter(member, "Member must have value less than or equal to " + MAX_LIMIT);
        }
        return requested;
    }
}
