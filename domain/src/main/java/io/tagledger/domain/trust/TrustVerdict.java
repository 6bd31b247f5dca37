package io.tagledger.domain.trust;

/**
 * What verifying an image's signatures found.
 *
 * @param signer    the trusted key or certificate a signature verified with, or {@code null}
 * @param signature the signature that verified (its format and manifest), or {@code null}
 * @param reason    what verified, or why nothing did
 */
public record TrustVerdict(boolean verified, String signer, String signature, String reason) {

    static TrustVerdict verified(String signer, String signature) {
        return new TrustVerdict(true, signer, signature, "signed by " + signer + " in " + signature);
    }

    static TrustVerdict unverified(String reason) {
        return new TrustVerdict(false, null, null, reason);
    }
}
