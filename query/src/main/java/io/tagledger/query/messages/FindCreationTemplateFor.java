package io.tagledger.query.messages;

/**
 * Finds the template a push to a new repository of this name creates it from: of the templates applied
 * for {@code CREATE_ON_PUSH} whose prefix matches the name, the one of the longest prefix, else {@code ROOT}'s.
 */
public record FindCreationTemplateFor(String repositoryName) {
}
