package io.tagledger.domain.event;

import io.tagledger.domain.TagMutabilityMode;

import java.util.List;
import org.axonframework.serialization.Revision;

/** A repository came into being (again, if it had been deleted). */
@Revision("1")
public record RepositoryCreated(String repositoryName, TagMutabilityMode imageTagMutability, List<String> exclusionFilters) {
}
