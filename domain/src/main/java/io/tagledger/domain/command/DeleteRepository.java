package io.tagledger.domain.command;

import io.tagledger.domain.RepositoryName;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deletes a repository; one that still holds images only with {@code force}. */
public record DeleteRepository(@TargetAggregateIdentifier RepositoryName name, boolean force) {
}
