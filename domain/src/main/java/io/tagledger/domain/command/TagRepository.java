package io.tagledger.domain.command;

import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.ResourceTags;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds resource tags to the repository (ECR's {@code TagResource}); a key it has already takes the new value. */
public record TagRepository(@TargetAggregateIdentifier RepositoryName name, ResourceTags tags) {
}
