package io.tagledger.domain.command;

import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.lifecycle.LifecyclePolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets the repository's lifecycle policy, in place of the one it had, if any. */
public record PutLifecyclePolicy(@TargetAggregateIdentifier RepositoryName name, LifecyclePolicy policy) {
}
