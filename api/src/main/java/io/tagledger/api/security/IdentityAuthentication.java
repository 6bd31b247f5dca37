package io.tagledger.api.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/** An authenticated {@link Identity}, as Spring Security holds it; it keeps no credentials. */
public class IdentityAuthentication extends AbstractAuthenticationToken {

    private final Identity identity;

    public IdentityAuthentication(Identity identity) {
        super(AuthorityUtils.NO_AUTHORITIES);
        this.identity = identity;
        setAuthenticated(true);
    }

    public Identity identity() {
        return identity;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return identity.principal();
    }
}
