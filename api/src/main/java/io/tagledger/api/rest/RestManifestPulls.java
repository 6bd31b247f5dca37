package io.tagledger.api.rest;

import io.tagledger.api.pulls.ManifestPulls;
import io.tagledger.api.registry.Manifests;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;

/**
 * The pull fast path of {@code GET /repositories/<name>/-/manifests/<reference>} ({@link ManifestPulls}):
 * after Spring Security's chain. A path with other percent-encoding than the name's slashes takes the
 * full path, which decodes it.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 1)
class RestManifestPulls extends ManifestPulls {

    private static final String PREFIX = "/repositories/";
    private static final String MANIFESTS = "/-/manifests/";

    RestManifestPulls(Manifests manifests) {
        super(manifests);
    }

    @Override
    protected Optional<Pull> pull(HttpServletRequest request) {
        // The name's slashes are %2F here (RepositoryPathFilter); any other escape takes the full path.
        String path = request.getRequestURI().replace("%2F", "/");
        int manifests = path.indexOf(MANIFESTS);
        if (!path.startsWith(PREFIX) || manifests < PREFIX.length() || path.indexOf('%') >= 0
                || path.indexOf(MANIFESTS, manifests + 1) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new Pull(path.substring(PREFIX.length(), manifests), path.substring(manifests + MANIFESTS.length())));
    }

    @Override
    protected String route() {
        return "/repositories/{name}/-/manifests/{reference}";
    }

    @Override
    protected Map<String, String> headers() {
        return Map.of();
    }
}
