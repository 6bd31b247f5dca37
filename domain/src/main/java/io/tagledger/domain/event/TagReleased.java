package io.tagledger.domain.event;

import org.axonframework.serialization.Revision;

/**
 * An immutable tag was released: its next change (a move, an untag, its image's deletion) is allowed
 * once, until {@code validUntil}, and uses the release up. Who released it is in the event's metadata.
 *
 * @param digest     the digest the tag pointed to when it was released
 * @param validUntil an ISO-8601 instant: as text, the event reads the same in every serializer and in the hash chain
 */
@Revision("1")
public record TagReleased(String repositoryName, String tag, String digest, String reason, String validUntil) {
}
