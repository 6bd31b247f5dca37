package io.tagledger.domain.event;

import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.TagProtection;

import org.axonframework.serialization.Revision;

import java.util.List;

/** A repository came into being (again, if it had been deleted). */
@Revision("1")
public record RepositoryCreated(String repositoryName, TagMutabilityMode imageTagMutability, List<String> exclusionFilters,
                                TagProtection tagProtection) {
}
