package io.tagledger.domain.command;

import io.tagledger.domain.ImageDigest;
import io.tagledger.domain.ImageTag;
import io.tagledger.domain.Manifest;
import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.trust.SignatureEvidence;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Pushes a manifest, optionally with a tag.
 *
 * @param tag            the tag to point at the manifest, or {@code null} for an untagged push
 * @param expectedDigest the digest the client computed, or {@code null}; a different one is refused
 * @param repeat         what a push of what is already there does, as the API that pushes promises it
 * @param signatures     the manifests found that may sign the image, for a tag move the repository's trust
 *                       policy applies to; {@code null} when not looked for, and the repository asks for them
 */
public record PushImage(@TargetAggregateIdentifier RepositoryName name, Manifest manifest, ImageTag tag,
                        ImageDigest expectedDigest, Repeat repeat, List<SignatureEvidence> signatures) {

    public PushImage(RepositoryName name, Manifest manifest, ImageTag tag, ImageDigest expectedDigest, Repeat repeat) {
        this(name, manifest, tag, expectedDigest, repeat, null);
    }

    /** The same push, with the signatures found. */
    public PushImage withSignatures(List<SignatureEvidence> found) {
        return new PushImage(name, manifest, tag, expectedDigest, repeat, List.copyOf(found));
    }

    /** A push as ECR's {@code PutImage} makes it. */
    public PushImage(RepositoryName name, Manifest manifest, ImageTag tag, ImageDigest expectedDigest) {
        this(name, manifest, tag, expectedDigest, Repeat.REFUSED);
    }

    /** What a push came to. */
    public enum Outcome {
        /** Decided: pushed, or nothing to change. */
        DONE,
        /** Not decided: the tag's move needs the image's signatures looked for, and the push sent again with them. */
        SIGNATURES_NEEDED
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
