package io.tagledger.domain.command;

import io.tagledger.domain.TagMutability;
import io.tagledger.domain.TemplatePrefix;
import io.tagledger.domain.TemplateUse;
import io.tagledger.domain.trust.TrustPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Set;

/**
 * Creates a repository creation template: the settings a repository created under its prefix gets.
 *
 * @param trustPolicy the trust policy its repositories start with, or {@code null} for none
 */
public record CreateCreationTemplate(@TargetAggregateIdentifier TemplatePrefix prefix, String description,
                                     TagMutability tagMutability, Set<TemplateUse> appliedFor,
                                     TrustPolicy trustPolicy) {
}
