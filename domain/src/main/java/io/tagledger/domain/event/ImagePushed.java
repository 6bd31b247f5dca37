package io.tagledger.domain.event;

import org.axonframework.serialization.Revision;

/**
 * A manifest was pushed: a new image, a new tag on a stored image, or both.
 *
 * @param manifest       the manifest text exactly as pushed, so that views can be rebuilt from events alone
 * @param tag            the tag now pointing at {@code imageDigest}, or {@code null} for an untagged push
 * @param previousDigest the digest {@code tag} pointed to before the push, or {@code null} if the tag is new
 */
@Revision("1")
public record ImagePushed(String repositoryName, String imageDigest, String mediaType, long sizeBytes,
                          String manifest, String tag, String previousDigest) {
}
