package io.tagledger.api.registry;

import io.tagledger.domain.ImageDigest;
import io.tagledger.domain.ImageTag;

/**
 * A tag or a digest, as paths and requests name an image. A reference with a {@code :} is a digest
 * (no tag can contain one), and must be a valid one; any other is a tag.
 */
public record ImageReference(ImageTag tag, ImageDigest digest) {

    public static ImageReference parse(String text) {
        return text != null && text.contains(":")
                ? new ImageReference(null, ImageDigest.parse(text))
                : new ImageReference(ImageTag.parse(text), null);
    }

    public boolean isDigest() {
        return digest != null;
    }

    public String text() {
        return isDigest() ? digest.value() : tag.value();
    }
}
