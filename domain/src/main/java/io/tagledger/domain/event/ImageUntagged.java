package io.tagledger.domain.event;

import org.axonframework.serialization.Revision;

/** A tag was removed from the image it pointed to. */
@Revision("1")
public record ImageUntagged(String repositoryName, String tag, String imageDigest) {
}
