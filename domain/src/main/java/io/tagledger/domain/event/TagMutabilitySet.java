package io.tagledger.domain.event;

import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.TagProtection;

import org.axonframework.serialization.Revision;

import java.util.List;

/** The repository's tag mutability changed; it applies to pushes from now on. */
@Revision("1")
public record TagMutabilitySet(String repositoryName, TagMutabilityMode imageTagMutability, List<String> exclusionFilters,
                               TagProtection tagProtection) {
}
