package io.tagledger.api.registry;

import java.util.List;

/**
 * What a batch did: the images it found or removed, one (digest, tag) pair each, and the entries that
 * failed. Each entry is done on its own, in order; one failing does not undo the others.
 */
public record Batch<T>(List<T> done, List<BatchFailure> failures) {

    /** An image by digest and one of its tags, or {@code null} for an untagged image. */
    public record ImageRef(String digest, String tag) {
    }

    /** A found image with its manifest, byte for byte as pushed. */
    public record Found(ImageRef id, String manifest, String mediaType) {
    }
}
