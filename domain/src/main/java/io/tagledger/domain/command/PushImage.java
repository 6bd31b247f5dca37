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
 */
public record PushImage(@TargetAggregateIdentifier RepositoryName name, Manifest manifest, ImageTag tag,
                        ImageDigest expectedDigest) {
}
