package io.tagledger.domain.command;

import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.ImageTag;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes a tag. As in ECR, an image whose last tag goes is deleted with it. */
public record UntagImage(@TargetAggregateIdentifier RepositoryName name, ImageTag tag) {
}
