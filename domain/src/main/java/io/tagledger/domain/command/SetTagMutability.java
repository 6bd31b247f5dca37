package io.tagledger.domain.command;

import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.TagMutability;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes the tag mutability for future pushes; tags already pushed are not re-examined. */
public record SetTagMutability(@TargetAggregateIdentifier RepositoryName name, TagMutability tagMutability) {
}
