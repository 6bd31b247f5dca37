package io.tagledger.api.pulls;

import io.tagledger.api.registry.ImageReference;
import io.tagledger.api.registry.Manifests;
import io.tagledger.domain.RepositoryName;
import io.tagledger.query.messages.ManifestContent;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The pull fast path: a manifest GET or HEAD that the registry holds in memory, for a caller it lets
 * read, answered before Spring MVC (whose handler lookup, content negotiation and return value
 * handling were a third of a pull's CPU, async-profiler at 16 connections). It runs after Spring
 * Security's chain, so the caller is authenticated and the request authorized as for any other
 * request. Each API's filter parses its own path; anything this path does not answer (not a manifest
 * read, a manifest not held, a caller refused, a conditional header other than {@code If-None-Match})
 * continues to that API's controller, which answers it, errors included.
 */
public abstract class ManifestPulls extends OncePerRequestFilter {

    /** A manifest read as its API's path names it: the repository's name and the tag or digest, as text. */
    public record Pull(String name, String reference) {
    }

    private final Manifests manifests;

    protected ManifestPulls(Manifests manifests) {
        this.manifests = manifests;
    }

    /** The manifest read this request's path names, if it is one that this path may answer. */
    protected abstract Optional<Pull> pull(HttpServletRequest request);

    /** Headers this API adds to a manifest answer. */
    protected abstract Map<String, String> headers();

    /** The route its controller maps, which the request's metrics are tagged with ({@code uri}), as on the full path. */
    protected abstract String route();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String method = request.getMethod();
        Optional<ManifestContent> held = (method.equals("GET") || method.equals("HEAD")) && unconditional(request)
                ? pull(request).flatMap(this::held) : Optional.empty();
        if (held.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        ManifestContent manifest = held.get();
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> context.setPathPattern(route()));
        String etag = "\"" + manifest.digest() + "\"";
        headers().forEach(response::setHeader);
        response.setHeader("Docker-Content-Digest", manifest.digest());
        response.setHeader(HttpHeaders.ETAG, etag);
        if (matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        byte[] bytes = manifest.manifest().getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(manifest.mediaType());
        response.setContentLength(bytes.length);
        if (method.equals("GET")) {
            response.getOutputStream().write(bytes);
        }
    }

    /**
     * The manifest held for a caller the policy lets read it. Whatever it cannot decide here (an invalid name
     * or reference, policies that cannot be read while the database is away) the controller decides and words.
     */
    private Optional<ManifestContent> held(Pull pull) {
        try {
            return manifests.held(RepositoryName.parse(pull.name()), ImageReference.parse(pull.reference()));
        } catch (RuntimeException undecided) {
            return Optional.empty();
        }
    }

    /** Only If-None-Match is answered here; the other conditional headers take the full path. */
    private static boolean unconditional(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.IF_MATCH) == null && request.getHeader(HttpHeaders.IF_MODIFIED_SINCE) == null
                && request.getHeader(HttpHeaders.IF_UNMODIFIED_SINCE) == null;
    }

    /** Whether an If-None-Match names the ETag, weakly or strongly, or is {@code *}. */
    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}
