package io.tagledger.domain.command;

import io.tagledger.domain.RepositoryName;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Expires, now, the images the repository's lifecycle policy selects; answers the expiries. */
public record ApplyLifecyclePolicy(@TargetAggregateIdentifier RepositoryName name) {
}
