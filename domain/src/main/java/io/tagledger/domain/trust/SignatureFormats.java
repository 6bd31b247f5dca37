package io.tagledger.domain.trust;

import java.util.Set;

/** The media types and annotations of the signature formats tagledger verifies, as their specifications name them. */
public final class SignatureFormats {

    /** cosign's signature spec: the layer is the Simple Signing payload, its annotation the signature. */
    public static final String COSIGN_PAYLOAD = "application/vnd.dev.cosign.simplesigning.v1+json";
    public static final String COSIGN_SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
    public static final String COSIGN_SIGNATURE_TYPE = "cosign container image signature";
    /** Notary Project's signature specification: the config's media type, and the JWS envelope layer's. */
    public static final String NOTATION_SIGNATURE = "application/vnd.cncf.notary.signature";
    public static final String NOTATION_JWS = "application/jose+json";
    public static final String NOTATION_COSE = "application/cose";
    public static final String NOTATION_PAYLOAD = "application/vnd.cncf.notary.payload.v1+json";
    public static final String NOTATION_THUMBPRINTS = "io.cncf.notary.x509chain.thumbprint#S256";
    /** The layers whose content verification reads; no other layer is fetched. */
    public static final Set<String> LAYER_MEDIA_TYPES = Set.of(COSIGN_PAYLOAD, NOTATION_JWS);
    /** The largest layer read: a payload, or an envelope with its certificate chain, is a few kilobytes. */
    public static final int MAX_LAYER_BYTES = 256 * 1024;
    /** The most manifests looked at for one image. */
    public static final int MAX_EVIDENCE = 32;
    /** The most layer content read for one image, in all: it travels in the push, to another node too. */
    public static final int MAX_EVIDENCE_BYTES = 1024 * 1024;

    private SignatureFormats() {
    }

    /** The tag cosign stores an image's signatures under: {@code sha256-<hex>.sig}. */
    public static String cosignTag(String digest) {
        return digest.replace(':', '-') + ".sig";
    }
}
