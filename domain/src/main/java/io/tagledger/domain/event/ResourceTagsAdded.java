package io.tagledger.domain.event;

import org.axonframework.serialization.Revision;

import java.util.Map;

/** Resource tags were added to the repository, or given new values. */
@Revision("1")
public record ResourceTagsAdded(String repositoryName, Map<String, String> tags) {
}
