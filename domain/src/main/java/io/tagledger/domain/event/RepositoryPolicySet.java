package io.tagledger.domain.event;

import org.axonframework.serialization.Revision;

/** The repository's policy was set, to this text, as it was given. */
@Revision("1")
public record RepositoryPolicySet(String repositoryName, String policyText) {
}
