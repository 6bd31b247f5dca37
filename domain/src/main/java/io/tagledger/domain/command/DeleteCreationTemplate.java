package io.tagledger.domain.command;

import io.tagledger.domain.TemplatePrefix;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deletes a repository creation template; the repositories created from it keep their settings. */
public record DeleteCreationTemplate(@TargetAggregateIdentifier TemplatePrefix prefix) {
}
