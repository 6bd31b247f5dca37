package io.tagledger.domain.command;

import io.tagledger.domain.RepositoryName;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sets the repository's lifecycle policy, in place of the one it had, if any. The text is ECR's rule
 * language, parsed by the repository (a command is a message: it may be forwarded to another node).
 */
public record PutLifecyclePolicy(@TargetAggregateIdentifier RepositoryName name, String lifecyclePolicyText) {
}
