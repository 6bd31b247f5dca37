package io.tagledger.domain.command;

import io.tagledger.domain.ImageDigest;
import io.tagledger.domain.RepositoryName;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deletes an image and every tag that points to it. */
public record DeleteImage(@TargetAggregateIdentifier RepositoryName name, ImageDigest digest) {
}
