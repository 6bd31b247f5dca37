package io.tagledger.query.consistency;

import java.io.Serializable;

/** The identity of a {@link ViewVersion}. */
public record ViewVersionKey(String processingGroup, String repositoryName) implements Serializable {
}
