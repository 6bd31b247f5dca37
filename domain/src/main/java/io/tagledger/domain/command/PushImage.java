package io.tagledger.domain.command;

import io.tagledger.domain.ImageDigest;
import io.tagledger.domain.ImageTag;
import io.tagledger.domain.Manifest;
import io.tagledger.domain.RepositoryName;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Pushes a manifest, optionally with a tag.
 *
 * @param tag            the tag to point at the manifest, or {@code null} for an untagged push
 * @param expectedDigest the digest the client computed, or {@code null}; a different one is refused
 * @param repeat         what a push of what is already there does, as the API that pushes promises it
 */
public record PushImage(@TargetAggregateIdentifier RepositoryName name, Manifest manifest, ImageTag tag,
                        ImageDigest expectedDigest, Repeat repeat) {

    /** A push as ECR's {@code PutImage} makes it. */
    public PushImage(RepositoryName name, Manifest manifest, ImageTag tag, ImageDigest expectedDigest) {
        this(name, manifest, tag, expectedDigest, Repeat.REFUSED);
    }

    /** What a push of what is already there (the tag's own digest, or an untagged image again) does. */
    public enum Repeat {
        /** ECR's {@code PutImage}: it is {@code ImageAlreadyExistsException}, as ECR documents, whatever the repository says. */
        REFUSED,
        /** The REST API: refused as by ECR, unless the repository accepts a tag's current digest again ({@link io.tagledger.domain.TagRepush}). */
        REFUSED_UNLESS_ACCEPTED,
        /**
         * A registry's push (the OCI API): it changes nothing, except onto an immutable tag, which ECR's
         * registry refuses even with the same content, unless the repository accepts it again.
         */
        REPEATABLE
    }
}
