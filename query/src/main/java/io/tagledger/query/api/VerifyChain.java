package io.tagledger.query.api;

/** Recomputes a repository's hash chain from its event stream; answers {@link ChainVerification}. */
public record VerifyChain(String repositoryName) {
}
