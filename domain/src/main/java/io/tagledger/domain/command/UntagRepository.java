package io.tagledger.domain.command;

import io.tagledger.domain.RepositoryName;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Removes resource tags from the repository by key (ECR's {@code UntagResource}); a key it does not have is no change. */
public record UntagRepository(@TargetAggregateIdentifier RepositoryName name, List<String> keys) {
}
