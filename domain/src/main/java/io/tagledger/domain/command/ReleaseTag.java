package io.tagledger.domain.command;

import io.tagledger.domain.ImageTag;
import io.tagledger.domain.RepositoryName;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Duration;

/**
 * Breaks the glass, on the record: lets one immutable (or strictly protected) tag be moved or deleted
 * once, within {@code validFor}, for a stated reason. A sealed tag cannot be released.
 */
public record ReleaseTag(@TargetAggregateIdentifier RepositoryName name, ImageTag tag, String reason, Duration validFor) {
}
