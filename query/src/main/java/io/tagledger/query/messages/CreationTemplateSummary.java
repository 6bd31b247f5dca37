package io.tagledger.query.messages;

import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.TemplateUse;
import io.tagledger.domain.trust.TrustPolicy;

import java.time.Instant;
import java.util.List;

/**
 * A repository creation template: the settings a repository created under its prefix gets.
 *
 * @param trustPolicy {@link TrustPolicy#OFF} when it gives none
 */
public record CreationTemplateSummary(String prefix, String description, TagMutabilityMode imageTagMutability,
                                      List<String> exclusionFilters, List<TemplateUse> appliedFor, TrustPolicy trustPolicy,
                                      Instant createdAt,
                                      Instant updatedAt) {
}
