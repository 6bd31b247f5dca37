package io.tagledger.api.oci;

import io.tagledger.api.pulls.ManifestPulls;
import io.tagledger.api.registry.Manifests;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;

/** The pull fast path of {@code GET /v2/<name>/manifests/<reference>} ({@link ManifestPulls}): after Spring Security's chain. */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 1)
class OciManifestPulls extends ManifestPulls {

    OciManifestPulls(Manifests manifests) {
        super(manifests);
    }

    @Override
    protected Optional<Pull> pull(HttpServletRequest request) {
        OciPath path = OciPath.parse(request.getRequestURI());
        return path.route() == OciPath.Route.MANIFEST ? Optional.of(new Pull(path.name(), path.reference())) : Optional.empty();
    }

    @Override
    protected String route() {
        return "/v2/**";
    }

    @Override
    protected Map<String, String> headers() {
        return Map.of(OciController.API_VERSION, "registry/2.0");
    }
}
