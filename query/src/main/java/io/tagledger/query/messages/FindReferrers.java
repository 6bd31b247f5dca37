package io.tagledger.query.messages;

/**
 * Finds the manifests of a repository whose {@code subject} is the given digest, as the OCI referrers
 * API lists them. Answers {@code Optional<Referrers>}, empty if the repository is missing.
 *
 * @param artifactType only those of this artifact type, or {@code null} for all
 */
public record FindReferrers(String repositoryName, String digest, String artifactType) {
}
