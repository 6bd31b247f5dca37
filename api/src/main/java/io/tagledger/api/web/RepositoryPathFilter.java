package io.tagledger.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Repository names contain {@code /}, so the REST API puts every sub-resource after the separator
 * {@code /-/} ({@code /repositories/team/app/-/tags}). This filter re-encodes the slashes of the name
 * as {@code %2F}, so that Spring's path matching sees the name as the one segment {@code {name}}
 * and decodes it back for the controller. A template's prefix ({@code /creation-templates/prod/team})
 * is one segment the same way.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RepositoryPathFilter extends OncePerRequestFilter {

    static final String PREFIX = "/repositories/";
    /** A repository creation template's prefix has slashes too, and no sub-resources. */
    static final String TEMPLATES = "/creation-templates/";
    static final String SEPARATOR = "/-/";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contextPath = request.getContextPath();
        String path = request.getRequestURI().substring(contextPath.length());
        String prefix = path.startsWith(PREFIX) ? PREFIX : path.startsWith(TEMPLATES) ? TEMPLATES : null;
        if (prefix == null) {
            chain.doFilter(request, response);
            return;
        }
        String rest = path.substring(prefix.length());
        int separator = prefix.equals(PREFIX) ? rest.indexOf(SEPARATOR) : -1;
        String name = separator < 0 ? rest : rest.substring(0, separator);
        if (!name.contains("/")) {
            chain.doFilter(request, response);
            return;
        }
        String encodedUri = contextPath + prefix + name.replace("/", "%2F") + (separator < 0 ? "" : rest.substring(separator));
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getRequestURI() {
                return encodedUri;
            }

            @Override
            public StringBuffer getRequestURL() {
                StringBuffer url = new StringBuffer(request.getRequestURL());
                url.setLength(url.length() - request.getRequestURI().length());
                return url.append(encodedUri);
            }
        }, response);
    }
}
