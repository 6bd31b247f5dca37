package io.tagledger.query.messages;

/** Finds the manifest a tag or digest names; answers {@code Optional<ManifestContent>}. */
public record FindManifest(String repositoryName, String reference) {
}
