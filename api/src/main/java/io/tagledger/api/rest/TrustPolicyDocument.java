package io.tagledger.api.rest;

import io.tagledger.domain.trust.TrustMode;
import io.tagledger.domain.trust.TrustPolicy;

import java.util.List;

/**
 * A trust policy as the REST API takes and answers it, for a repository and in a repository creation template.
 *
 * @param mode                 {@code OFF}, {@code AUDIT} or {@code ENFORCE}
 * @param tags                 the tags it applies to, in ECR's wildcard syntax
 * @param cosignKeys           cosign public keys (ECDSA P-256 or Ed25519), PEM
 * @param notationCertificates Notation's trusted X.509 certificates (roots or leaves), PEM
 */
record TrustPolicyDocument(String mode, List<String> tags, List<String> cosignKeys, List<String> notationCertificates) {

    static TrustPolicyDocument of(TrustPolicy policy) {
        return new TrustPolicyDocument(policy.mode().name(), policy.tags(), policy.cosignKeys(), policy.notationCertificates());
    }

    /** The policy, read whole: a member that cannot be read is refused, named as {@code member.<name>}. */
    TrustPolicy read(String member) {
        String prefix = member == null ? "" : member + ".";
        return TrustPolicy.of(TrustMode.parse(prefix + "mode", mode), tags, cosignKeys, notationCertificates);
    }
}
