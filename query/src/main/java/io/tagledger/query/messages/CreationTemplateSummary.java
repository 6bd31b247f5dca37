package io.tagledger.query.messages;

import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.TemplateUse;

import java.time.Instant;
import java.util.List;

/** A repository creation template: the settings a repository created under its prefix gets. */
public record CreationTemplateSummary(String prefix, String description, TagMutabilityMode imageTagMutability,
                                      List<String> exclusionFilters, List<TemplateUse> appliedFor, Instant createdAt,
                                      Instant updatedAt) {
}
