package io.tagledger.domain.command;

import io.tagledger.domain.RepositoryName;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets whether the repository asks for images to be scanned on push (ECR's {@code PutImageScanningConfiguration}). */
public record SetImageScanning(@TargetAggregateIdentifier RepositoryName name, boolean scanOnPush) {
}
