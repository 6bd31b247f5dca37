package io.tagledger.domain.command;

import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.TagMutability;
import io.tagledger.domain.TemplatePrefix;
import io.tagledger.domain.trust.TrustPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a repository that a push names, from the repository creation template that matches it, unless
 * it exists: of the first pushes that race to a new name, one creates it, and the others push into it.
 *
 * @param trustPolicy the template's trust policy, or {@code null} for none
 */
public record CreateRepositoryOnPush(@TargetAggregateIdentifier RepositoryName name, TemplatePrefix template,
                                     TagMutability tagMutability, TrustPolicy trustPolicy) {
}
