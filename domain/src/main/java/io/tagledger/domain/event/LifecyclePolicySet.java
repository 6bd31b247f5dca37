package io.tagledger.domain.event;

import org.axonframework.serialization.Revision;

/** The repository's lifecycle policy was set, to this text, as it was given. */
@Revision("1")
public record LifecyclePolicySet(String repositoryName, String lifecyclePolicyText) {
}
