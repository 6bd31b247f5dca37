package io.tagledger.query.view;

import java.io.Serializable;

/** The identity of an image: its repository and digest. */
public record ImageKey(String repositoryName, String digest) implements Serializable {
}
