package io.tagledger.domain.trust;

import java.util.Map;

/**
 * One manifest that may carry a signature of an image, as the repository holds it: gathered for the
 * repository to verify, and read by it alone.
 *
 * @param source   where it was found: {@code tag sha256-<hex>.sig} or {@code referrer}
 * @param digest   the manifest's digest
 * @param manifest the manifest's text
 * @param blobs    the content of its layers of {@link SignatureFormats#LAYER_MEDIA_TYPES}, base64, by digest
 */
public record SignatureEvidence(String source, String digest, String manifest, Map<String, String> blobs) {

    public SignatureEvidence {
        blobs = Map.copyOf(blobs);
    }
}
