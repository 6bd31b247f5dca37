package io.tagledger.query.messages;

/** Recomputes a repository's hash chain from its event stream; answers {@link ChainVerification}. */
public record VerifyChain(String repositoryName) {
}
