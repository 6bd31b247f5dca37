package io.tagledger.query.messages;

/** Finds every period of a tag's life, oldest first; answers {@link TagHistory}. */
public record FindTagHistory(String repositoryName, String tag) {
}
