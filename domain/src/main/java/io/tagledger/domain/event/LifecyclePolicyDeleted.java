package io.tagledger.domain.event;

import org.axonframework.serialization.Revision;

/** The repository's lifecycle policy, this text, was removed. */
@Revision("1")
public record LifecyclePolicyDeleted(String repositoryName, String lifecyclePolicyText) {
}
