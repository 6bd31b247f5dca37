package io.tagledger.domain.event;

import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.TemplateUse;
import io.tagledger.domain.trust.TrustPolicy;
import org.axonframework.serialization.Revision;

import java.util.List;

/** A repository creation template changed: its settings, whole, as they are now. */
@Revision("1")
public record CreationTemplateUpdated(String prefix, String description, TagMutabilityMode imageTagMutability,
                                      List<String> exclusionFilters, List<TemplateUse> appliedFor,
                                      TrustPolicy trustPolicy) {
}
