package io.tagledger.api.caller;

import io.tagledger.api.ecr.EcrProtocol;
import io.tagledger.api.ecr.SigV4Authorization;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.security.Principal;
import java.util.UUID;

/**
 * Establishes the {@link Caller} of each request before any API sees it, and answers the request id
 * in a header ({@code x-amzn-RequestId} on the ECR API, {@code X-Request-Id} on the REST API).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class CallerFilter extends OncePerRequestFilter {

    public static final String ACTOR_HEADER = "X-Actor";
    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final int MAX_HEADER_VALUE = 256;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = UUID.randomUUID().toString();
        boolean ecr = EcrProtocol.isEcrRequest(request);
        String principal = ecr ? ecrPrincipal(request) : restPrincipal(request);
        String correlationId = bounded(request.getHeader(CORRELATION_HEADER));
        CallerContext.set(new Caller(principal, ecr ? "ecr" : "rest", request.getRemoteAddr(),
                bounded(request.getHeader("User-Agent")), requestId, correlationId == null ? requestId : correlationId));
        response.setHeader(ecr ? EcrProtocol.REQUEST_ID_HEADER : "X-Request-Id", requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            CallerContext.clear();
        }
    }

    private static String ecrPrincipal(HttpServletRequest request) {
        return SigV4Authorization.parse(request.getHeader("Authorization"))
                .map(SigV4Authorization::accessKeyId)
                .orElse(Caller.ANONYMOUS);
    }

    private static String restPrincipal(HttpServletRequest request) {
        Principal user = request.getUserPrincipal();
        if (user != null) {
            return user.getName();
        }
        String actor = bounded(request.getHeader(ACTOR_HEADER));
        return actor == null || actor.isBlank() ? Caller.ANONYMOUS : actor.strip();
    }

    private static String bounded(String value) {
        return value == null || value.length() <= MAX_HEADER_VALUE ? value : value.substring(0, MAX_HEADER_VALUE);
    }
}
