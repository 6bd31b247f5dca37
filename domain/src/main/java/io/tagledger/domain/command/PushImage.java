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
 * @param repeatable     a registry's push (the OCI API): pushing again what is already there does nothing,
 *                       except onto an immutable tag, which ECR's registry refuses even with the same content.
 *                       Otherwise (ECR's {@code PutImage}) it is {@code ImageAlreadyExistsException}
 */
public record PushImage(@TargetAggregateIdentifier RepositoryName name, Manifest manifest, ImageTag tag,
                        ImageDigest expectedDigest, boolean repeatable) {

    public PushImage(RepositoryName name, Manifest manifest, ImageTag tag, ImageDigest expectedDigest) {
        this(name, manifest, tag, expectedDigest, false);
    }
}
