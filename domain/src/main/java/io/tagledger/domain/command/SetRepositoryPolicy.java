package io.tagledger.domain.command;

import io.tagledger.domain.RepositoryName;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sets the repository's policy, in place of the one it had, if any. The API that sends it has parsed it
 * and checked that it evaluates every statement (the policy belongs to authorization, which is the API's).
 */
public record SetRepositoryPolicy(@TargetAggregateIdentifier RepositoryName name, String policyText) {
}
