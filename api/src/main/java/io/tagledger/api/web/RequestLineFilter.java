package io.tagledger.api.web;

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

/**
 * Refuses, in the API's format, request lines no API serves:
 * <ul>
 *   <li>Path parameters ({@code ;x=y}). Spring drops them from a segment before matching, so
 *       {@code PUT .../manifests/v1;x=y} wrote tag {@code v1} and {@code /repositories/probe/mut;x=1/-/...}
 *       wrote to {@code probe/mut}: a request must never write to a name other than the one it spells.
 *       No repository name, tag or digest can contain {@code ;}.</li>
 *   <li>TRACE. Tomcat's own refusal has no body; the servlet's would echo the request, headers and all.</li>
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RequestLineFilter extends OncePerRequestFilter {

    private final ApiErrors errors;

    RequestLineFilter(ApiErrors errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("TRACE".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD, POST, PUT, DELETE, OPTIONS");
            refuse(request, response, 405, RegistryException.of(Refusal.METHOD_NOT_ALLOWED));
        } else if (request.getRequestURI().contains(";")) {
            refuse(request, response, 400, RegistryException.invalidParameter("path", "Member must not carry parameters (';')"));
        } else {
            chain.doFilter(request, response);
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, int status, RegistryException refusal)
            throws IOException {
        errors.write(request, status, refusal, response);
    }
}
