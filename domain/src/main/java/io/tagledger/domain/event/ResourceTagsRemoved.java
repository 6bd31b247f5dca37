package io.tagledger.domain.event;

import org.axonframework.serialization.Revision;

import java.util.List;

/** Resource tags the repository had were removed, by key. */
@Revision("1")
public record ResourceTagsRemoved(String repositoryName, List<String> keys) {
}
