package io.tagledger.query.messages;

/** Whether a live repository of this name exists: a key lookup, which a push asks before anything else. */
public record RepositoryExists(String repositoryName) {
}
