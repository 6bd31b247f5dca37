package io.tagledger.domain.event;

import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.TagProtection;

import org.axonframework.serialization.Revision;

import java.util.List;

/** The repository's tag mutability changed; it applies to pushes from now on. */
/*
 * Revision 2: tagProtection is never null. Revision 1 events stored before it existed are upcast
 * (TagProtectionAdded), with NONE: the only protection there was.
 */
@Revision("2")
public record TagMutabilitySet(String repositoryName, TagMutabilityMode imageTagMutability, List<String> exclusionFilters,
                               TagProtection tagProtection) {
}
