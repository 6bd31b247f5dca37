package io.tagledger.domain.event;

import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.TemplateUse;
import io.tagledger.domain.trust.TrustPolicy;
import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * A repository creation template came into being, with the settings a repository created under its prefix gets.
 *
 * @param trustPolicy the trust policy its repositories start with; {@code null} for none, as in events from before templates had one
 */
@Revision("1")
public record CreationTemplateCreated(String prefix, String description, TagMutabilityMode imageTagMutability,
                                      List<String> exclusionFilters, List<TemplateUse> appliedFor,
                                      TrustPolicy trustPolicy) {
}
