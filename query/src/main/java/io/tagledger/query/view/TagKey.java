package io.tagledger.query.view;

import java.io.Serializable;

/** The identity of a tag: its repository and name. */
public record TagKey(String repositoryName, String tag) implements Serializable {
}
