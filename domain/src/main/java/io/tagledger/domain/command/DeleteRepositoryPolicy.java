package io.tagledger.domain.command;

import io.tagledger.domain.RepositoryName;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes the repository's policy; answers the text it had. */
public record DeleteRepositoryPolicy(@TargetAggregateIdentifier RepositoryName name) {
}
