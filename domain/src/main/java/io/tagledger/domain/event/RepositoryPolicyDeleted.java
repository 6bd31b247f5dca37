package io.tagledger.domain.event;

import org.axonframework.serialization.Revision;

/** The repository's policy, this text, was removed. */
@Revision("1")
public record RepositoryPolicyDeleted(String repositoryName, String policyText) {
}
