package io.tagledger.query.messages;

import java.util.Set;

/** The digests of the blobs a repository's manifests name; none for a repository that does not exist. */
public record ReferencedBlobs(Set<String> digests) {
}
