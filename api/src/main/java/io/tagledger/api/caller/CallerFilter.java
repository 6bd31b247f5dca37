package io.tagledger.api.caller;

import io.tagledger.api.security.Identities;
import io.tagledger.api.security.SigV4Authorization;
import io.tagledger.api.web.Api;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.UUID;

/**
 * Establishes the {@link Caller} of each request before any API sees it (who it is authenticated as
 * is Spring Security's, and is read when the request sends a message), and answers the request id
 * in a header ({@code x-amzn-RequestId} on the ECR API, {@code X-Request-Id} on the REST API).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class CallerFilter extends OncePerRequestFilter {

    public static final String ACTOR_HEADER = "X-Actor";
    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final int MAX_HEADER_VALUE = 256;

    private final Identities identities;

    CallerFilter(Identities identities) {
        this.identities = identities;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = UUID.randomUUID().toString();
        Api api = Api.of(request);
        String claimedBy = identities.configured() ? null : api == Api.ECR ? ecrClaim(request) : restClaim(request);
        String correlationId = bounded(request.getHeader(CORRELATION_HEADER));
        CallerContext.set(new Caller(claimedBy, api.label(), request.getRemoteAddr(),
                bounded(request.getHeader("User-Agent")), requestId, correlationId == null ? requestId : correlationId));
        response.setHeader(api.requestIdHeader(), requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            CallerContext.clear();
        }
    }

    private static String ecrClaim(HttpServletRequest request) {
        return SigV4Authorization.parse(request.getHeader("Authorization")).map(SigV4Authorization::accessKeyId).orElse(null);
    }

    private static String restClaim(HttpServletRequest request) {
        String actor = bounded(request.getHeader(ACTOR_HEADER));
        return actor == null || actor.isBlank() ? null : actor.strip();
    }

    private static String bounded(String value) {
        return value == null || value.length() <= MAX_HEADER_VALUE ? value : value.substring(0, MAX_HEADER_VALUE);
    }
}
