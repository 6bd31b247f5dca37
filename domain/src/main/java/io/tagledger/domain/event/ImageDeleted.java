package io.tagledger.domain.event;

import org.axonframework.serialization.Revision;

import java.util.List;

/** An image was deleted, together with the tags it still had. */
@Revision("1")
public record ImageDeleted(String repositoryName, String imageDigest, List<String> tags) {
}
