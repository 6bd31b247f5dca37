package io.tagledger.api.rest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tagledger.api.registry.TrustPolicies;
import io.tagledger.domain.RegistryException;
import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.trust.TrustMode;
import io.tagledger.domain.trust.TrustPolicy;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

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

    /**
     * @param mode                 {@code OFF}, {@code AUDIT} or {@code ENFORCE}
     * @param tags                 the tags it applies to, in ECR's wildcard syntax
     * @param cosignKeys           cosign public keys (ECDSA P-256 or Ed25519), PEM
     * @param notationCertificates Notation's trusted X.509 certificates (roots or leaves), PEM
     */
    record TrustPolicyBody(String repositoryName, String mode, List<String> tags, List<String> cosignKeys, List<String> notationCertificates) {

        static TrustPolicyBody of(RepositoryName name, TrustPolicy policy) {
            return new TrustPolicyBody(name.value(), policy.mode().name(), policy.tags(), policy.cosignKeys(), policy.notationCertificates());
        }
    }

    @Operation(summary = "Set the trust policy; mode OFF ends it")
    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    TrustPolicyBody put(@PathVariable String name, @RequestBody TrustPolicyBody body) {
        RepositoryName repository = RepositoryName.parse(name);
        if (body.repositoryName() != null && !body.repositoryName().equals(repository.value())) {
            throw RegistryException.invalidParameter("repositoryName", "Member must be the repository in the path, or left out");
        }
        TrustMode mode = TrustMode.parse("mode", body.mode());
        return TrustPolicyBody.of(repository, trust.put(repository, mode, body.tags(), body.cosignKeys(), body.notationCertificates()));
    }

    @Operation(summary = "Get the trust policy: mode OFF when it has none")
    @GetMapping
    TrustPolicyBody get(@PathVariable String name) {
        RepositoryName repository = RepositoryName.parse(name);
        return TrustPolicyBody.of(repository, trust.get(repository));
    }
}
