package io.tagledger.api.security;

import io.tagledger.api.web.ApiErrors;
import io.tagledger.domain.Refusal;
import io.tagledger.domain.RegistryException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;
import java.util.Set;

/**
 * A web page on another origin cannot change state here, in open mode as with identities: a browser
 * sends a cross-origin {@code POST} with a {@code text/plain} body without asking first, with any Basic
 * credentials it has cached. Such a request says where it comes from ({@code Sec-Fetch-Site},
 * {@code Origin}); one that does is refused with 403 before any API sees it. Tools (the AWS CLI,
 * SDKs, docker, curl) send neither header. No CORS is configured, so a browser lets no page read an answer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class CrossOriginFilter extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final ApiErrors errors;

    CrossOriginFilter(ApiErrors errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!SAFE_METHODS.contains(request.getMethod()) && isCrossOrigin(request)) {
            errors.write(request, 403, RegistryException.of(Refusal.CROSS_ORIGIN), response);
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isCrossOrigin(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return true;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        try {
            URI from = URI.create(origin);
            String host = request.getHeader("Host");
            return from.getAuthority() == null || !from.getAuthority().equalsIgnoreCase(host);
        } catch (IllegalArgumentException malformed) {
            return true;
        }
    }
}
