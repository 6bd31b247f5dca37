package io.tagledger.domain.event;

import io.tagledger.domain.TagMutabilityMode;

import java.util.List;
import org.axonframework.serialization.Revision;

/** The repository's tag mutability changed; it applies to pushes from now on. */
@Revision("1")
public record TagMutabilitySet(String repositoryName, TagMutabilityMode imageTagMutability, List<String> exclusionFilters) {
}
