package io.tagledger.domain.trust;

import com.fasterxml.jackson.databind.JsonNode;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * cosign's signatures, as its signature spec lays them out: each layer of type
 * {@value SignatureFormats#COSIGN_PAYLOAD} is a Simple Signing payload, and its
 * {@value SignatureFormats#COSIGN_SIGNATURE_ANNOTATION} annotation the base64 signature of the payload's
 * bytes: ECDSA over SHA-256 in ASN.1 form, or Ed25519. The same layers are read from the
 * {@code sha256-<hex>.sig} tag's manifest and from a referrer, as cosign's OCI 1.1 mode pushes them.
 */
final class CosignSignatures {

    private CosignSignatures() {
    }

    /** @return one verdict per cosign layer of the manifest: none when it has none */
    static List<TrustVerdict> check(JsonNode manifest, SignatureEvidence found, String where, String subject,
                                    List<TrustedKeys.CosignKey> keys) {
        List<TrustVerdict> verdicts = new ArrayList<>();
        for (JsonNode layer : manifest.path("layers")) {
            if (SignatureFormats.COSIGN_PAYLOAD.equals(layer.path("mediaType").asText())) {
                verdicts.add(checkLayer(layer, found, where, subject, keys));
            }
        }
        return verdicts;
    }

    private static TrustVerdict checkLayer(JsonNode layer, SignatureEvidence found, String where, String subject,
                                           List<TrustedKeys.CosignKey> keys) {
        JsonNode annotation = layer.path("annotations").path(SignatureFormats.COSIGN_SIGNATURE_ANNOTATION);
        if (!annotation.isTextual()) {
            return TrustVerdict.unverified("the cosign layer of " + where + " has no " + SignatureFormats.COSIGN_SIGNATURE_ANNOTATION + " annotation");
        }
        byte[] payload = SignatureVerifier.blob(found, layer);
        if (payload == null) {
            return TrustVerdict.unverified("the cosign payload of " + where + " is not in the repository, or is over the size read");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(annotation.asText());
        } catch (IllegalArgumentException e) {
            return TrustVerdict.unverified("the cosign signature of " + where + " is not base64");
        }
        Optional<TrustedKeys.CosignKey> signer = keys.stream().filter(key -> verifies(key, payload, signature)).findFirst();
        if (signer.isEmpty()) {
            return TrustVerdict.unverified("the cosign signature in " + where + " verifies with no trusted cosign key");
        }
        Optional<JsonNode> claims = SignatureVerifier.json(payload);
        JsonNode critical = claims.map(node -> node.path("critical")).orElse(null);
        if (critical == null || !SignatureFormats.COSIGN_SIGNATURE_TYPE.equals(critical.path("type").asText())) {
            return TrustVerdict.unverified("the cosign payload in " + where + " is not a Simple Signing payload of type '"
                    + SignatureFormats.COSIGN_SIGNATURE_TYPE + "'");
        }
        String signed = critical.path("image").path("docker-manifest-digest").asText();
        if (!subject.equals(signed)) {
            return TrustVerdict.unverified("the cosign signature in " + where + " signs " + (signed.isEmpty() ? "no digest" : signed)
                    + ", not " + subject);
        }
        return TrustVerdict.verified(signer.get().id(), "the cosign signature in " + where);
    }

    private static boolean verifies(TrustedKeys.CosignKey key, byte[] payload, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(key.key() instanceof ECPublicKey ? "SHA256withECDSA" : "Ed25519");
            verifier.initVerify(key.key());
            verifier.update(payload);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException malformed) {
            return false;
        }
    }
}
