package io.tagledger.domain.command;

import io.tagledger.domain.RepositoryName;
import io.tagledger.domain.trust.TrustMode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Sets a repository's trust policy, as given: the repository reads it ({@link io.tagledger.domain.trust.TrustPolicy#of}). */
public record SetTrustPolicy(@TargetAggregateIdentifier RepositoryName name, TrustMode mode, List<String> tags,
                             List<String> cosignKeys, List<String> notationCertificates) {
}
