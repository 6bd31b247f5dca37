package io.tagledger.domain.trust;

import io.tagledger.domain.ExclusionFilter;
import io.tagledger.domain.RegistryException;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A repository's trust policy: which tags may point only at images signed by a trusted key, and the keys
 * it trusts. Built by {@link #of}, which refuses a key it cannot read, so a policy that exists can be verified against.
 *
 * @param tags                 the tags it applies to, in ECR's wildcard syntax
 * @param cosignKeys           cosign public keys, ECDSA P-256 or Ed25519, as PEM
 * @param notationCertificates Notation's X.509 certificates, roots or leaves, as PEM
 */
public record TrustPolicy(TrustMode mode, List<String> tags, List<String> cosignKeys, List<String> notationCertificates) {

    public static final TrustPolicy OFF = new TrustPolicy(TrustMode.OFF, List.of(), List.of(), List.of());
    public static final int MAX_TAG_FILTERS = 20;
    public static final int MAX_KEYS = 20;
    /**
     * The tags signers keep their own artifacts under ({@code sha256-<hex>} with cosign's {@code .sig},
     * {@code .att} or {@code .sbom}, and the referrers tag schema's index): a policy never applies to
     * them, or no signature could ever be stored where cosign puts it.
     */
    private static final Pattern SIGNER_TAG = Pattern.compile("sha256-[0-9a-f]{64}(\\.sig|\\.att|\\.sbom)?");

    public TrustPolicy {
        tags = List.copyOf(tags);
        cosignKeys = List.copyOf(cosignKeys);
        notationCertificates = List.copyOf(notationCertificates);
    }

    /** A policy as a request gives it: every member checked, every key read. */
    public static TrustPolicy of(TrustMode mode, List<String> tags, List<String> cosignKeys, List<String> notationCertificates) {
        if (mode == null) {
            throw RegistryException.invalidParameter("mode", "Member must satisfy enum value set: [OFF, AUDIT, ENFORCE]");
        }
        List<String> filters = listOf("tags", tags, MAX_TAG_FILTERS);
        filters.forEach(filter -> {
            if (filter == null || !ExclusionFilter.isValid(filter)) {
                throw RegistryException.invalidParameter("tags", "Each member must satisfy regular expression pattern: " + ExclusionFilter.PATTERN);
            }
        });
        List<String> keys = listOf("cosignKeys", cosignKeys, MAX_KEYS).stream().map(pem -> TrustedKeys.cosignKey(pem).pem()).toList();
        List<String> certificates = listOf("notationCertificates", notationCertificates, MAX_KEYS).stream()
                .map(pem -> TrustedKeys.certificate(pem).pem()).toList();
        if (mode != TrustMode.OFF && filters.isEmpty()) {
            throw RegistryException.invalidParameter("tags", "A trust policy in " + mode + " mode must name the tags it applies to, e.g. [\"*\"]");
        }
        if (mode == TrustMode.ENFORCE && keys.isEmpty() && certificates.isEmpty()) {
            throw RegistryException.invalidParameter("cosignKeys", "A trust policy in ENFORCE mode must trust at least one cosign key or Notation certificate");
        }
        return new TrustPolicy(mode, filters, keys, certificates);
    }

    /** The same policy read again, as a request's would be: what a decision takes from a command it did not build. */
    public TrustPolicy reread() {
        return of(mode, tags, cosignKeys, notationCertificates);
    }

    private static List<String> listOf(String member, List<String> given, int max) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > max) {
            throw RegistryException.invalidParameter(member, "Member must have length less than or equal to " + max);
        }
        if (given.stream().anyMatch(item -> item == null || item.isBlank())) {
            throw RegistryException.invalidParameter(member, "Each member must be a non-empty string");
        }
        return given.stream().map(String::strip).distinct().toList();
    }

    /** Whether a move of the tag needs its verdict: signers' own tags never do. */
    public boolean appliesTo(String tag) {
        return mode != TrustMode.OFF && !SIGNER_TAG.matcher(tag).matches()
                && tags.stream().anyMatch(filter -> new ExclusionFilter(filter).matches(tag));
    }

    /** The policy as a refusal names it, e.g. {@code ENFORCE on [v*, prod]}. */
    public String describe() {
        return mode + " on " + tags;
    }
}
