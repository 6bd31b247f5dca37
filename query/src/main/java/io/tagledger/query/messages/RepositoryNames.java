package io.tagledger.query.messages;

import java.util.List;

/** Repository names, in order. */
public record RepositoryNames(List<String> names) {
}
