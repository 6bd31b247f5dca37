package io.tagledger.domain.trust;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Verifies an image's signatures against a trust policy: every manifest found that may carry one is read
 * as the format it declares, and the first signature that verifies with a trusted key decides.
 */
public final class SignatureVerifier {

    /** How many reasons an unverified verdict lists; the rest are counted. */
    private static final int REASONS_SAID = 4;
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private SignatureVerifier() {
    }

    /**
     * @param subject  the digest the tag is to point at
     * @param evidence the manifests found that may sign it
     * @param now      the decision's time, which certificates and expiries are checked at
     */
    public static TrustVerdict verify(TrustPolicy policy, String subject, List<SignatureEvidence> evidence, Instant now) {
        List<TrustedKeys.CosignKey> keys = policy.cosignKeys().stream().map(TrustedKeys::cosignKey).toList();
        List<TrustedKeys.Certificate> certificates = policy.notationCertificates().stream().map(TrustedKeys::certificate).toList();
        List<String> reasons = new ArrayList<>();
        for (SignatureEvidence found : evidence) {
            String where = found.digest() + " (" + found.source() + ")";
            Optional<JsonNode> manifest = json(found.manifest());
            if (manifest.isEmpty()) {
                reasons.add("the manifest " + where + " is not JSON");
                continue;
            }
            List<TrustVerdict> verdicts = NotationSignatures.isNotation(manifest.get())
                    ? List.of(NotationSignatures.check(manifest.get(), found, where, subject, certificates, now))
                    : CosignSignatures.check(manifest.get(), found, where, subject, keys);
            for (TrustVerdict verdict : verdicts) {
                if (verdict.verified()) {
                    return verdict;
                }
                reasons.add(verdict.reason());
            }
        }
        if (reasons.isEmpty()) {
            return TrustVerdict.unverified("no signature of " + subject + " was found, neither under the tag "
                    + SignatureFormats.cosignTag(subject) + " nor among its referrers");
        }
        String said = String.join("; ", reasons.subList(0, Math.min(REASONS_SAID, reasons.size())));
        return TrustVerdict.unverified("no signature verified: " + said
                + (reasons.size() > REASONS_SAID ? "; and " + (reasons.size() - REASONS_SAID) + " more" : ""));
    }

    static Optional<JsonNode> json(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    static Optional<JsonNode> json(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A JSON array in text (an annotation's value), or an empty one when the text is not one. */
    static JsonNode jsonArray(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isArray() ? node : JSON.createArrayNode();
        } catch (JsonProcessingException e) {
            return JSON.createArrayNode();
        }
    }

    /** A layer's content as gathered, or {@code null} when it was not (absent, or too large). */
    static byte[] blob(SignatureEvidence found, JsonNode layer) {
        String content = found.blobs().get(layer.path("digest").asText());
        return content == null ? null : Base64.getDecoder().decode(content);
    }
}
