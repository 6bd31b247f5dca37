package io.tagledger.api.oci;

import io.tagledger.api.registry.ImageReference;
import io.tagledger.api.registry.Registry;
import io.tagledger.api.web.ManifestPulls;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
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

    private final Registry registry;

    OciManifestPulls(Registry registry) {
        this.registry = registry;
    }

    @Override
    protected Optional<Held> held(HttpServletRequest request) {
        OciPath path = OciPath.parse(request.getRequestURI());
        if (path.route() != OciPath.Route.MANIFEST) {
            return Optional.empty();
        }
        try {
            return registry.heldManifest(RepositoryName.parse(path.name()), ImageReference.parse(path.reference()))
                    .map(content -> new Held(content.digest(), content.mediaType(), content.manifest()));
        } catch (RegistryException invalid) {
            return Optional.empty(); // the controller words it
        }
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
