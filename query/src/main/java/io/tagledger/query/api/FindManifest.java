package io.tagledger.query.api;

/** Finds the manifest a tag or digest names; answers {@code Optional<ManifestContent>}. */
public record FindManifest(String repositoryName, String reference) {
}
