package io.tagledger.query.messages;

/** Finds the blobs (configs and layers) that the manifests of a repository name. Answers {@link ReferencedBlobs}. */
public record FindReferencedBlobs(String repositoryName) {
}
