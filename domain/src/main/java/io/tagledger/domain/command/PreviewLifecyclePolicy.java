package io.tagledger.domain.command;

import io.tagledger.domain.RepositoryName;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Answers what a lifecycle policy would expire now, and changes nothing: decided by the repository
 * itself, so that it is what {@link ApplyLifecyclePolicy} would do at the same instant.
 *
 * @param lifecyclePolicyText the policy to try, or {@code null} for the repository's own
 */
public record PreviewLifecyclePolicy(@TargetAggregateIdentifier RepositoryName name, String lifecyclePolicyText) {
}
