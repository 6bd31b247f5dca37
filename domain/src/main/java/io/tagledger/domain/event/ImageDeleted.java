package io.tagledger.domain.event;

import java.util.List;
import org.axonframework.serialization.Revision;

/** An image was deleted, together with the tags it still had. */
@Revision("1")
public record ImageDeleted(String repositoryName, String imageDigest, List<String> tags) {
}
