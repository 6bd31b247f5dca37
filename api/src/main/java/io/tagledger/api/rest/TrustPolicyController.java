package io.tagledger.api.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tagledger.api.registry.TrustPolicies;
import io.tagledger.domain.RepositoryName;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The REST API's trust policies, under {@code /repositories/{name}/-/trust-policy}: the tags that move only
 * onto images signed by a trusted key, the keys, and whether a move without one is refused ({@code ENFORCE})
 * or only recorded ({@code AUDIT}).
 */
@RestController
@RequestMapping(path = "/repositories/{name}/-/trust-policy", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "trust policies", description = "Signature-gated tags: cosign keys and Notation certificates a tag's image must be signed by")
class TrustPolicyController {

    private final TrustPolicies trust;

    TrustPolicyController(TrustPolicies trust) {
        this.trust = trust;
    }

    @Operation(summary = "Set the trust policy; mode OFF ends it")
    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    TrustPolicyDocument put(@PathVariable String name, @RequestBody TrustPolicyDocument body) {
        RepositoryName repository = RepositoryName.parse(name);
        return TrustPolicyDocument.of(trust.put(repository, body.read(null)));
    }

    @Operation(summary = "Get the trust policy: mode OFF when it has none")
    @GetMapping
    TrustPolicyDocument get(@PathVariable String name) {
        return TrustPolicyDocument.of(trust.get(RepositoryName.parse(name)));
    }
}
