package io.tagledger.api.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.List;

/**
 * Who a request acts as: an authenticated principal with its groups, or {@link #ANONYMOUS} (open
 * mode, or before authentication). The same principals on every API.
 */
public record Identity(String principal, List<String> groups) {

    public static final Identity ANONYMOUS = new Identity("anonymous", List.of());

    public Identity {
        groups = List.copyOf(groups);
    }

    /** The identity the current request was authenticated as. */
    public static Identity current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof IdentityAuthentication identified ? identified.identity() : ANONYMOUS;
    }

    public boolean isAnonymous() {
        return this == ANONYMOUS;
    }
}
