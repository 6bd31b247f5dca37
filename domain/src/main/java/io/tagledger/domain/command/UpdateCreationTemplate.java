package io.tagledger.domain.command;

import io.tagledger.domain.TagMutability;
import io.tagledger.domain.TemplatePrefix;
import io.tagledger.domain.TemplateUse;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Set;

/** Changes a repository creation template; a member left {@code null} keeps its value. */
public record UpdateCreationTemplate(@TargetAggregateIdentifier TemplatePrefix prefix, String description,
                                     TagMutability tagMutability, Set<TemplateUse> appliedFor) {
}
