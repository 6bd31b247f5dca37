package io.tagledger.domain.command;

import io.tagledger.domain.TagMutability;
import io.tagledger.domain.TemplatePrefix;
import io.tagledger.domain.TemplateUse;
import io.tagledger.domain.trust.TrustPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Set;

/** Changes a repository creation template; a member left {@code null} keeps its value ({@link TrustPolicy#OFF} ends a trust policy). */
public record UpdateCreationTemplate(@TargetAggregateIdentifier TemplatePrefix prefix, String description,
                                     TagMutability tagMutability, Set<TemplateUse> appliedFor,
                                     TrustPolicy trustPolicy) {
}
