package io.tagledger.domain.event;

import org.axonframework.serialization.Revision;

import java.util.List;

/** A repository's trust policy was set: {@code OFF} ends one. The keys are kept as PEM texts. */
@Revision("1")
public record TrustPolicySet(String repositoryName, String mode, List<String> tags, List<String> cosignKeys,
                             List<String> notationCertificates) {
}
