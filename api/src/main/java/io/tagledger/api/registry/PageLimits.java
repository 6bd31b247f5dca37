package io.tagledger.api.registry;

import io.tagledger.domain.RegistryException;

/** How many items one page may hold, for every listing on every API: 100 unless asked, 1 to 1000. */
public final class PageLimits {

    public static final int DEFAULT = 100;
    public static final int MAX = 1000;

    private PageLimits() {
    }

    /** @param member the request member that asked, named as its API names it ({@code limit}, {@code maxResults}) */
    public static int of(String member, Integer requested) {
        if (requested == null) {
            return DEFAULT;
        }
        if (requested < 1) {
            throw RegistryException.invalidParameter(member, "Member must have value greater than or equal to 1");
        }
        if (requested > MAX) {
            throw RegistryException.invalidParameter(member, "Member must have value less than or equal to " + MAX);
        }
        return requested;
    }
}
